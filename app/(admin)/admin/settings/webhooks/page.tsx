import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ActionForm } from "@/components/ui/action-form";
import { DataTable } from "@/components/admin/data-table";
import { PageHeader, Section } from "@/components/admin/page-header";
import { RotateSecretForm, WebhookForm } from "@/components/admin/webhook-forms";
import { Badge } from "@/components/ui/badge";
import { requirePagePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { WEBHOOK_EVENTS } from "@/lib/messages/outbox";
import { listDeliveries, listWebhookEndpoints } from "@/lib/messages/webhooks";
import { getShopSettings } from "@/lib/shop/settings";
import { createWebhookAction, deleteWebhookAction, retryOutboxAction, rotateWebhookAction } from "../../messages/actions";

export const dynamic = "force-dynamic";

/** Webhook endpoints: add with an event picker, rotate the secret, delete, delivery log and replay. */
export default async function WebhooksPage() {
  await requirePagePermission("settings", "/admin/settings/webhooks");
  const t = await getTranslations("admin.outbox");
  const locale = await getLocale();
  const db = getDb();
  const tz = getShopSettings({ db }).timezone;
  const endpoints = listWebhookEndpoints({ db });
  return (
    <div className="max-w-5xl space-y-8">
      <PageHeader title={t("webhooksTitle")} lead={t("webhooksLead")} />
      <Section testId="webhook-add">
        <WebhookForm action={createWebhookAction} events={WEBHOOK_EVENTS} />
      </Section>
      {endpoints.length === 0 && <p className="text-stone-600">{t("noEndpoints")}</p>}
      {endpoints.map((e) => {
        const deliveries = listDeliveries({ db, endpointId: e.id, limit: 20 });
        return (
          <Section key={e.id} title={<span className="break-all font-mono text-base">{e.url}</span>} testId="webhook-endpoint">
            <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
              <p className="font-mono text-sm">{e.events.join(", ")}</p>
              <div className="flex flex-wrap items-start gap-2">
                <RotateSecretForm action={rotateWebhookAction} id={e.id} />
                <ActionForm
                  action={deleteWebhookAction}
                  hidden={{ id: e.id }}
                  submitLabel={t("deleteEndpoint")}
                  variant="danger"
                  confirm={t("deleteConfirm")}
                />
              </div>
            </div>
            <h3 className="mb-2 font-semibold">{t("deliveries")}</h3>
            {deliveries.length === 0 ? (
              <p className="text-stone-600">{t("noDeliveries")}</p>
            ) : (
              <DataTable
                columns={[
                  { label: t("colTime") },
                  { label: t("events") },
                  { label: t("colStatus") },
                  { label: t("colTries"), align: "right" },
                  { label: t("lastCode") },
                  {},
                ]}
              >
                {deliveries.map((d) => (
                  <tr key={d.id}>
                    <td className="whitespace-nowrap px-4 py-2 text-sm">{formatDateTime(d.createdAt, locale, tz)}</td>
                    <td className="px-4 py-2 font-mono text-sm">
                      {d.event}
                      <div className="text-xs text-stone-500">{d.messageId}</div>
                    </td>
                    <td className="px-4 py-2">
                      <Badge
                        tone={
                          d.status === "delivered" ? "green" : d.status === "failed" ? "red" : d.status === "cancelled" ? "neutral" : "blue"
                        }
                      >
                        {t(`status.${d.status}`)}
                      </Badge>
                      {d.lastError && <p className="text-sm text-red-800">{d.lastError}</p>}
                    </td>
                    <td className="px-4 py-2 text-right">{d.attempts}</td>
                    <td className="px-4 py-2">{d.lastStatusCode ?? "—"}</td>
                    <td className="px-4 py-2 text-right">
                      {(d.status === "failed" || d.status === "delivered" || d.status === "cancelled") && (
                        <ActionForm action={retryOutboxAction} hidden={{ id: d.id }} submitLabel={t("replay")} />
                      )}
                    </td>
                  </tr>
                ))}
              </DataTable>
            )}
          </Section>
        );
      })}
    </div>
  );
}
