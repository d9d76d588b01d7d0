import { getTranslations } from "next-intl/server";
import { TemplateBuilder } from "@/components/consult/template-builder";
import { requirePagePermission } from "@/lib/auth/session";
import { saveTemplateAction } from "../actions";

export default async function NewConsultationPage() {
  await requirePagePermission("consultation_templates", "/admin/consultations/new");
  const t = await getTranslations("consult.admin");
  return (
    <div>
      <h1 className="mb-4 text-2xl font-bold">{t("newTemplate")}</h1>
      <TemplateBuilder
        action={saveTemplateAction}
        submissionCount={0}
        initial={{
          title: "",
          description: "",
          slug: "",
          active: true,
          questions: [{ id: "q1", type: "single", label: "", required: true, choices: [] }],
        }}
      />
    </div>
  );
}
