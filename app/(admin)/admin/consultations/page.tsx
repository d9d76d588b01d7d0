import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button-class";
import { requirePagePermission } from "@/lib/auth/session";
import { listTemplates } from "@/lib/consultations/templates";

export default async function ConsultationsPage() {
  await requirePagePermission("consultation_templates", "/admin/consultations");
  const t = await getTranslations("consult.admin");
  const templates = listTemplates({ db: getDb() });
  return (
    <div className="max-w-4xl">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("templatesTitle")}</h1>
        <Link href="/admin/consultations/new" className={buttonClass()}>
          {t("newTemplate")}
        </Link>
      </div>
      <p className="mt-2 text-stone-700">{t("templatesIntro")}</p>
      {templates.length === 0 ? (
        <p className="mt-6 rounded-2xl border border-dashed border-stone-300 p-6 text-center text-stone-600">{t("noTemplates")}</p>
      ) : (
        <ul className="mt-6 divide-y divide-stone-200 rounded-2xl border border-stone-200 bg-white">
          {templates.map((tpl) => (
            <li key={tpl.id} className="flex flex-wrap items-center justify-between gap-3 p-4">
              <div>
                <Link href={`/admin/consultations/${tpl.id}`} className="text-lg font-semibold text-brand-700 hover:underline">
                  {tpl.title}
                </Link>
                <p className="text-sm text-stone-600">
                  /c/{tpl.slug} · v{tpl.version.version} · {t("questionCount", { count: tpl.questions.length })} ·{" "}
                  {t("answerCount", { count: tpl.submissionCount })}
                </p>
              </div>
              {!tpl.active && <Badge>{t("inactive")}</Badge>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
