import QRCode from "qrcode";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { publicUrl } from "@/lib/web/request";
import { getActiveTemplateBySlug } from "@/lib/consultations/templates";
import { findShopSettings } from "@/lib/shop/settings";
import { PrintButton } from "@/components/ui/print-button";

export const dynamic = "force-dynamic";

/** A printable sheet for the counter: the form's QR code and its address. */
export default async function ConsultationQrPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const db = getDb();
  const template = getActiveTemplateBySlug({ db, slug });
  if (!template) notFound();
  const t = await getTranslations("consult.qr");
  const url = publicUrl(await headers(), `/c/${template.slug}`);
  const svg = await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return (
    <main className="mx-auto flex max-w-md flex-col items-center px-6 py-10 text-center">
      <p className="text-base font-semibold text-brand-700">{findShopSettings({ db })?.name}</p>
      <h1 className="mt-2 text-3xl font-bold">{template.title}</h1>
      <p className="mt-3 text-lg">{t("scan")}</p>
      <div
        className="mt-6 w-72 max-w-full"
        role="img"
        aria-label={t("qrAlt", { title: template.title })}
        dangerouslySetInnerHTML={{ __html: svg }}
      />
      <p className="mt-4 break-all font-mono text-base" data-testid="consult-url">
        {url}
      </p>
      <div className="mt-8 print:hidden">
        <PrintButton label={t("print")} />
      </div>
    </main>
  );
}
