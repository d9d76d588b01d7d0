import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ConsultForm } from "@/components/consult/consult-form";
import { lastAnswersFor } from "@/lib/consultations/submissions";
import { getActiveTemplateBySlug } from "@/lib/consultations/templates";
import { currentConsentText } from "@/lib/customers/consent";
import { findCustomerByToken } from "@/lib/customers/customers";
import { findShopSettings } from "@/lib/shop/settings";
import { submitConsultationAction } from "./actions";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const template = getActiveTemplateBySlug({ db: getDb(), slug: (await params).slug });
  return { title: template?.title ?? (await getTranslations("common.meta"))("consultForm"), robots: { index: false } };
}

export default async function ConsultationFormPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ t?: string }>;
}) {
  const { slug } = await params;
  const { t: token } = await searchParams;
  const db = getDb();
  const template = getActiveTemplateBySlug({ db, slug });
  if (!template) notFound();
  const t = await getTranslations("consult.form");
  // Only the private-link token pre-fills: a typed phone number never opens anyone's answers.
  const customer = token ? findCustomerByToken({ db, token }) : undefined;
  const known = customer && !customer.deletedAt ? customer : undefined;
  const prefill = known ? (lastAnswersFor({ db, customerId: known.id, templateId: template.id })?.answers ?? null) : null;
  const shop = findShopSettings({ db });
  return (
    <main className="pb-6">
      <p className="text-sm font-semibold text-brand-700">{shop?.name}</p>
      <h1 className="mt-1 text-2xl font-bold">{template.title}</h1>
      {template.description && <p className="mt-2 text-base text-stone-700">{template.description}</p>}
      {known && (
        <p className="mt-3 text-base" data-testid="consult-welcome">
          {t("welcomeBack", { name: known.name ?? "" })}
        </p>
      )}
      <p className="mt-2 text-sm text-stone-600">{t("requiredNote")}</p>
      <div className="mt-5">
        <ConsultForm
          action={submitConsultationAction}
          slug={template.slug}
          versionId={template.version.id}
          questions={template.questions}
          prefill={prefill}
          known={known ? { name: known.name } : null}
          token={known ? known.token : null}
          consentText={currentConsentText({ db, kind: "consultation" }).body}
        />
      </div>
    </main>
  );
}
