import Link from "next/link";
import QRCode from "qrcode";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { publicUrl } from "@/lib/web/request";
import { TemplateBuilder } from "@/components/consult/template-builder";
import { buttonClass } from "@/components/ui/button-class";
import { Notice } from "@/components/ui/notice";
import { requirePagePermission } from "@/lib/auth/session";
import { getTemplate } from "@/lib/consultations/templates";
import { saveTemplateAction } from "../actions";

export default async function EditConsultationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const { id } = await params;
  await requirePagePermission("consultation_templates", `/admin/consultations/${id}`);
  const template = getTemplate({ db: getDb(), id: Number(id) || 0 });
  if (!template) notFound();
  const t = await getTranslations("consult.admin");
  const url = publicUrl(await headers(), `/c/${template.slug}`);
  const qr = await QRCode.toDataURL(url, { margin: 1, width: 240 });
  return (
    <div>
      <h1 className="text-2xl font-bold">{template.title}</h1>
      <p className="mt-1 text-sm text-stone-600">
        v{template.version.version} · {t("answerCount", { count: template.submissionCount })}
      </p>
      {(await searchParams).created && (
        <div className="mt-3">
          <Notice tone="success" testId="template-created">
            {t("created")}
          </Notice>
        </div>
      )}
      <section
        aria-labelledby="share-title"
        className="mt-4 flex flex-wrap items-center gap-4 rounded-2xl border border-stone-200 bg-white p-4"
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- a generated data URL, nothing to optimise */}
        <img src={qr} alt={t("qrAlt")} width={120} height={120} />
        <div className="min-w-0 space-y-2">
          <h2 id="share-title" className="font-semibold">
            {t("share")}
          </h2>
          <p className="break-all font-mono text-sm" data-testid="template-link">
            {url}
          </p>
          <div className="flex flex-wrap gap-2">
            <Link href={`/c/${template.slug}`} className={buttonClass("secondary")} target="_blank">
              {t("openForm")}
            </Link>
            <Link href={`/c/${template.slug}/qr`} className={buttonClass("secondary")} target="_blank">
              {t("printQr")}
            </Link>
          </div>
        </div>
      </section>
      <div className="mt-6">
        <TemplateBuilder
          action={saveTemplateAction}
          submissionCount={template.submissionCount}
          initial={{
            id: template.id,
            title: template.title,
            description: template.description,
            slug: template.slug,
            active: template.active,
            questions: template.questions,
          }}
        />
      </div>
    </div>
  );
}
