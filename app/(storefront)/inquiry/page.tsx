import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ActionForm, type FormFieldSpec } from "@/components/ui/action-form";
import { currentConsentText } from "@/lib/customers/consent";
import { findCustomerByToken } from "@/lib/customers/customers";
import { MAX_INQUIRY_LENGTH } from "@/lib/inquiries/inquiries";
import { createInquiryAction } from "./actions";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("common.meta"))("inquiry") };
}

export default async function InquiryPage({ searchParams }: { searchParams: Promise<{ t?: string }> }) {
  const { t: token } = await searchParams;
  const t = await getTranslations("consult.inquiry");
  const db = getDb();
  const customer = token ? findCustomerByToken({ db, token }) : undefined;
  const known = customer && !customer.deletedAt ? customer : undefined;
  const fields: FormFieldSpec[] = known
    ? [{ kind: "hidden", name: "token", value: known.token }]
    : [
        { kind: "text", name: "name", label: t("name"), autoComplete: "name" },
        { kind: "tel", name: "phone", label: t("phone"), autoComplete: "tel", inputMode: "tel", hint: t("phoneHint") },
      ];
  fields.push({ kind: "textarea", name: "message", label: t("message"), rows: 5, hint: t("messageHint", { max: MAX_INQUIRY_LENGTH }) });
  if (!known)
    fields.push({ kind: "checkbox", name: "privacy", label: t("privacy"), hint: currentConsentText({ db, kind: "privacy" }).body });
  return (
    <main className="pb-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-base text-stone-700">{known ? t("introKnown", { name: known.name ?? "" }) : t("intro")}</p>
      <div className="mt-5 rounded-2xl border border-stone-200 bg-white p-4">
        <ActionForm
          progressive
          action={createInquiryAction}
          fields={fields}
          submitLabel={t("send")}
          pendingLabel={t("sending")}
          testId="inquiry-form"
        />
      </div>
    </main>
  );
}
