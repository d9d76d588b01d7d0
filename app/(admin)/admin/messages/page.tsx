import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ActionForm } from "@/components/ui/action-form";
import { DataTable, EmptyState } from "@/components/admin/data-table";
import { FilterBar } from "@/components/admin/filter-bar";
import { PageHeader } from "@/components/admin/page-header";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button-class";
import { requirePagePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { listOutbox, OUTBOX_STATUSES, outboxCounts, type OutboxStatus } from "@/lib/messages/admin";
import { solapiConfig } from "@/lib/messages/adapters/solapi";
import { getShopSettings } from "@/lib/shop/settings";
import { retryOutboxAction } from "./actions";
import { requestNow } from "@/lib/web/now";

export const dynamic = "force-dynamic";

const TONE: Record<OutboxStatus, BadgeTone> = {
  queued: "blue",
  sending: "amber",
  sent: "green",
  delivered: "green",
  failed: "red",
  cancelled: "neutral",
};

/** Every message and event with its state; a failed one can be sent again. */
export default async function MessagesPage({ searchParams }: { searchParams: Promise<{ status?: string; kind?: string }> }) {
  await requirePagePermission("settings", "/admin/messages");
  const t = await getTranslations("admin.outbox");
  const locale = await getLocale();
  const query = await searchParams;
  const status = (OUTBOX_STATUSES as readonly string[]).includes(query.status ?? "") ? (query.status as OutboxStatus) : undefined;
  const kind = query.kind === "message" || query.kind === "webhook" ? query.kind : undefined;
  const db = getDb();
  const tz = getShopSettings({ db }).timezone;
  const rows = listOutbox({ db, status, kind });
  const counts = outboxCounts({ db });
  const topic = (r: (typeof rows)[number]) => (r.kind === "message" && t.has(`templates.${r.topic}`) ? t(`templates.${r.topic}`) : r.topic);

  return (
    <div className="max-w-6xl space-y-6">
      <PageHeader
        title={t("title")}
        lead={t("lead")}
        actions={
          <div className="flex flex-wrap gap-2">
            <Link href="/admin/messages/texts" className={buttonClass("secondary")}>
              {t("textsLink")}
            </Link>
            <Link href="/admin/settings/webhooks" className={buttonClass("secondary")}>
              {t("webhooksLink")}
            </Link>
          </div>
        }
      />
      {!solapiConfig() && <p className="rounded-xl bg-sky-50 p-3 text-sky-950">{t("embeddedHint")}</p>}

      <FilterBar
        selects={[
          {
            name: "status",
            label: t("filterStatus"),
            value: status,
            allLabel: t("all"),
            options: OUTBOX_STATUSES.map((s) => ({ value: s, label: `${t(`status.${s}`)} (${counts[s]})` })),
          },
          {
            name: "kind",
            label: t("filterKind"),
            value: kind,
            allLabel: t("all"),
            options: (["message", "webhook"] as const).map((k) => ({ value: k, label: t(`kind.${k}`) })),
          },
        ]}
        submitLabel={t("filter")}
      />

      {rows.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <DataTable
          testId="outbox-log"
          columns={[
            { label: t("colTime") },
            { label: t("colWhat") },
            { label: t("colTo") },
            { label: t("colStatus") },
            { label: t("colTries"), align: "right" },
            { label: t("colChannel") },
            {},
          ]}
        >
          {rows.map((r) => (
            <tr key={r.id} className="align-top" data-testid="outbox-row" data-status={r.status}>
              <td className="whitespace-nowrap px-4 py-3 text-sm">{formatDateTime(r.createdAt, locale, tz)}</td>
              <td className="px-4 py-3">
                <span className="font-semibold">{topic(r)}</span>{" "}
                {r.purpose === "marketing" && <Badge tone="amber">{t("marketing")}</Badge>}
                <div className="font-mono text-xs text-stone-500">{r.messageId}</div>
                {r.body && (
                  <details className="mt-1 text-sm">
                    <summary className="cursor-pointer text-brand-700">{t("showText")}</summary>
                    <p className="mt-1 whitespace-pre-wrap break-all rounded-lg bg-stone-50 p-2">{r.body}</p>
                  </details>
                )}
              </td>
              <td className="max-w-56 break-all px-4 py-3 text-sm">{r.recipient}</td>
              <td className="px-4 py-3">
                <Badge tone={TONE[r.status]}>{t(`status.${r.status}`)}</Badge>
                {r.lastError && <p className="mt-1 max-w-64 text-sm text-red-800">{r.lastError}</p>}
                {(r.status === "queued" || r.status === "sending") && r.nextAttemptAt > requestNow() && (
                  <p className="mt-1 text-sm text-stone-600">{t("nextTry", { time: formatDateTime(r.nextAttemptAt, locale, tz) })}</p>
                )}
              </td>
              <td className="px-4 py-3 text-right">{r.attempts}</td>
              <td className="px-4 py-3 text-sm">{r.channel ?? "—"}</td>
              <td className="px-4 py-3 text-right">
                {(r.status === "failed" || (r.kind === "webhook" && r.status === "delivered")) && (
                  <ActionForm
                    action={retryOutboxAction}
                    hidden={{ id: r.id }}
                    submitLabel={r.status === "failed" ? t("retry") : t("replay")}
                  />
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
