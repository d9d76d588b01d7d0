import Link from "next/link";
import { DataTable, EmptyState } from "@/components/admin/data-table";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { PageHeader } from "@/components/admin/page-header";
import { Badge, STATUS_TONES } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button-class";
import { inputClass } from "@/components/ui/field";
import { ORDER_CHANNELS, ORDER_STATUSES } from "@/db/schema";
import { requirePagePermission } from "@/lib/auth/session";
import { formatDate, formatTime, formatWon } from "@/lib/format";
import { listOrdersForDate, orderFilters } from "@/lib/orders/admin";
import { getShopSettings } from "@/lib/shop/settings";
import { addDays, localDate } from "@/lib/shop/time";

export default async function OrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission("orders", "/admin/orders");
  const t = await getTranslations("admin.orders");
  const tc = await getTranslations("common");
  const locale = await getLocale();
  const db = getDb();
  const tz = getShopSettings({ db }).timezone;
  const today = localDate(Date.now(), tz);
  const filters = orderFilters.parse(await searchParams);
  const date = filters.date ?? today;
  const { rows, totals } = listOrdersForDate({ db, date, status: filters.status, channel: filters.channel });
  const link = (d: string) => {
    const q = new URLSearchParams({ date: d });
    if (filters.status) q.set("status", filters.status);
    if (filters.channel) q.set("channel", filters.channel);
    return `/admin/orders?${q}`;
  };

  return (
    <>
      <PageHeader
        title={t("title")}
        actions={
          <Link href={`/admin/orders/new?date=${date}`} className={buttonClass("primary")}>
            {t("phoneOrder")}
          </Link>
        }
      />
      <div className="mb-4 flex flex-wrap items-end gap-3 rounded-2xl border border-stone-200 bg-white p-4">
        <div className="flex items-center gap-1">
          <Link href={link(addDays(date, -1))} className={buttonClass("ghost")} aria-label={t("prevDay")}>
            ←
          </Link>
          <span className="min-w-36 text-center text-lg font-bold" data-testid="orders-date">
            {formatDate(date, locale)}
          </span>
          <Link href={link(addDays(date, 1))} className={buttonClass("ghost")} aria-label={t("nextDay")}>
            →
          </Link>
          {date !== today && (
            <Link href={link(today)} className={buttonClass("ghost")}>
              {t("today")}
            </Link>
          )}
        </div>
        <form method="get" className="flex flex-wrap items-end gap-3">
          <label className="block">
            <span className="mb-1 block text-sm font-semibold text-stone-700">{t("date")}</span>
            <input type="date" name="date" defaultValue={date} className={inputClass} />
          </label>
          <label className="block">
            <span className="mb-1 block text-sm font-semibold text-stone-700">{t("status")}</span>
            <select name="status" defaultValue={filters.status ?? ""} className={inputClass}>
              <option value="">{t("all")}</option>
              {ORDER_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {tc(`status.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="block">
            <span className="mb-1 block text-sm font-semibold text-stone-700">{t("channel")}</span>
            <select name="channel" defaultValue={filters.channel ?? ""} className={inputClass}>
              <option value="">{t("all")}</option>
              {ORDER_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {tc(`channel.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className={buttonClass("secondary")}>
            {t("filter")}
          </button>
        </form>
      </div>

      <dl className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="order-totals">
        <div className="rounded-2xl border border-stone-200 bg-white p-4">
          <dt className="text-sm text-stone-600">{t("count", { count: totals.count })}</dt>
          <dd className="text-2xl font-bold tabular-nums">{t("live", { count: totals.live })}</dd>
        </div>
        <div className="rounded-2xl border border-stone-200 bg-white p-4">
          <dt className="text-sm text-stone-600">{t("revenue")}</dt>
          <dd className="text-2xl font-bold tabular-nums">{formatWon(totals.revenue, locale)}</dd>
        </div>
        <div className="rounded-2xl border border-stone-200 bg-white p-4">
          <dt className="text-sm text-stone-600">{t("paid")}</dt>
          <dd className="text-2xl font-bold tabular-nums">{formatWon(totals.paid, locale)}</dd>
        </div>
        <div className="rounded-2xl border border-stone-200 bg-white p-4">
          <dt className="sr-only">{t("status")}</dt>
          <dd className="flex flex-wrap gap-1.5">
            {ORDER_STATUSES.filter((s) => totals.byStatus[s] > 0).map((s) => (
              <Badge key={s} tone={STATUS_TONES[s]}>
                {tc(`status.${s}`)} {totals.byStatus[s]}
              </Badge>
            ))}
          </dd>
        </div>
      </dl>

      {rows.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <DataTable
          testId="order-list"
          columns={[{ label: t("code") }, { label: t("slot") }, { label: t("customer") }, { label: t("items") }, { label: t("total"), align: "right" }, { label: t("status") }, { label: t("payment") }]}
        >
              {rows.map((o) => (
                <tr key={o.id} className={o.status === "cancelled" ? "text-stone-400" : ""}>
                  <td className="px-4 py-2">
                    <Link href={`/admin/orders/${o.id}`} className="inline-flex min-h-11 items-center font-mono text-lg font-bold text-brand-700 hover:underline">
                      {o.code}
                    </Link>
                  </td>
                  <td className="px-4 py-2 tabular-nums">
                    {o.slotStart}–{o.slotEnd}
                    <span className="block text-xs text-stone-500">
                      {tc(`channel.${o.channel}`)} · {formatTime(o.placedAt, locale, tz)}
                    </span>
                  </td>
                  <td className="px-4 py-2">
                    {o.customerName}
                    {o.phoneLast4 && <span className="ml-1 text-sm text-stone-500">(…{o.phoneLast4})</span>}
                  </td>
                  <td className="max-w-xs px-4 py-2 text-sm">{o.itemSummary}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{formatWon(o.total, locale)}</td>
                  <td className="px-4 py-2">
                    <Badge tone={STATUS_TONES[o.status]}>{tc(`status.${o.status}`)}</Badge>
                  </td>
                  <td className="px-4 py-2">
                    <Badge tone={o.paymentStatus === "paid" ? "green" : "neutral"}>{tc(`payment.${o.paymentStatus}`)}</Badge>
                  </td>
                </tr>
              ))}
        </DataTable>
      )}
    </>
  );
}
