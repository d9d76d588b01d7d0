import Link from "next/link";
import { DataTable, EmptyState } from "@/components/admin/data-table";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { PageHeader } from "@/components/admin/page-header";
import { Badge, STATUS_TONES } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button-class";
import { FilterBar } from "@/components/admin/filter-bar";
import { ORDER_CHANNELS, ORDER_STATUSES } from "@/db/schema";
import { requirePagePermission } from "@/lib/auth/session";
import { formatDate, formatTime, formatWon } from "@/lib/format";
import { listOrdersForDate, orderFilters, upcomingOrderDays } from "@/lib/orders/admin";
import { getShopSettings } from "@/lib/shop/settings";
import { addDays, localDate } from "@/lib/shop/time";
import { requestNow } from "@/lib/web/now";
import { cn } from "@/components/ui/cn";

export default async function OrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePermission("orders", "/admin/orders");
  const t = await getTranslations("admin.orders");
  const tc = await getTranslations("common");
  const locale = await getLocale();
  const db = getDb();
  const tz = getShopSettings({ db }).timezone;
  const today = localDate(requestNow(), tz);
  const filters = orderFilters.parse(await searchParams);
  const date = filters.date ?? today;
  const link = (d: string) => {
    const q = new URLSearchParams({ date: d });
    if (filters.status) q.set("status", filters.status);
    if (filters.channel) q.set("channel", filters.channel);
    return `/admin/orders?${q}`;
  };

  const header = (
    <>
      <PageHeader
        title={t("title")}
        actions={
          <Link href={`/admin/orders/new?date=${date}`} className={buttonClass("primary")}>
            {t("phoneOrder")}
          </Link>
        }
      />
      <nav aria-label={t("views")} className="mb-4 flex gap-2">
        {(["day", "upcoming"] as const).map((view) => {
          const current = (filters.view ?? "day") === view;
          return (
            <Link
              key={view}
              href={view === "day" ? link(date) : "/admin/orders?view=upcoming"}
              aria-current={current ? "page" : undefined}
              className={cn(
                "inline-flex min-h-11 items-center rounded-xl border-2 px-4 font-semibold",
                current ? "border-ink bg-ink text-white" : "border-stone-300 bg-white text-ink",
              )}
            >
              {view === "day" ? t("viewDay") : t("viewUpcoming")}
            </Link>
          );
        })}
      </nav>
    </>
  );

  if (filters.view === "upcoming") {
    const days = upcomingOrderDays({ db, from: today, days: 14 });
    return (
      <>
        {header}
        <p className="mb-3 text-stone-600">{t("upcomingLead", { days: days.length })}</p>
        <DataTable
          testId="upcoming-days"
          columns={[
            { label: t("date"), mobile: { order: 1, bare: true } },
            { label: t("dayOrders"), align: "right", mobile: { order: 2 } },
            { label: t("status"), mobile: { full: true, bare: true } },
            { label: t("revenue"), align: "right", mobile: { order: 3 } },
          ]}
        >
          {days.map((d) => (
            <tr key={d.date} className={d.closed && d.live === 0 ? "text-stone-400" : ""} data-testid="upcoming-day" data-date={d.date}>
              <td className="px-4 py-2">
                <Link href={link(d.date)} className="inline-flex min-h-11 items-center font-semibold text-brand-700 hover:underline">
                  {formatDate(d.date, locale)}
                </Link>
                {d.date === today && <Badge className="ml-2">{t("today")}</Badge>}
              </td>
              <td className="px-4 py-2 text-right text-xl font-bold tabular-nums" data-testid="upcoming-count">
                {t("ordersCount", { count: d.live })}
              </td>
              <td className="px-4 py-2">
                {d.live === 0 ? (
                  <span className="text-sm text-stone-500">{d.closed ? t("closedDay") : t("noOrders")}</span>
                ) : (
                  <span className="flex flex-wrap gap-1.5">
                    {ORDER_STATUSES.filter((s) => s !== "cancelled" && d.byStatus[s] > 0).map((s) => (
                      <Badge key={s} tone={STATUS_TONES[s]}>
                        {tc(`status.${s}`)} {d.byStatus[s]}
                      </Badge>
                    ))}
                  </span>
                )}
              </td>
              <td className="px-4 py-2 text-right tabular-nums">{formatWon(d.revenue, locale)}</td>
            </tr>
          ))}
        </DataTable>
      </>
    );
  }

  const { rows, totals } = listOrdersForDate({ db, date, status: filters.status, channel: filters.channel });
  return (
    <>
      {header}
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
        <FilterBar
          date={{ label: t("date"), value: date }}
          selects={[
            {
              name: "status",
              label: t("status"),
              value: filters.status,
              allLabel: t("all"),
              options: ORDER_STATUSES.map((s) => ({ value: s, label: tc(`status.${s}`) })),
            },
            {
              name: "channel",
              label: t("channel"),
              value: filters.channel,
              allLabel: t("all"),
              options: ORDER_CHANNELS.map((c) => ({ value: c, label: tc(`channel.${c}`) })),
            },
          ]}
          submitLabel={t("filter")}
        />
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
          columns={[
            { label: t("code"), mobile: { order: 1, bare: true } },
            { label: t("slot"), mobile: { order: 4 } },
            { label: t("customer"), mobile: { order: 5 } },
            { label: t("items"), mobile: { full: true } },
            { label: t("total"), align: "right", mobile: { order: 6 } },
            { label: t("status"), mobile: { order: 2, bare: true } },
            { label: t("payment"), mobile: { order: 3, bare: true } },
          ]}
        >
          {rows.map((o) => (
            <tr key={o.id} className={o.status === "cancelled" ? "text-stone-400" : ""}>
              <td className="px-4 py-2">
                <Link
                  href={`/admin/orders/${o.id}`}
                  className="inline-flex min-h-11 items-center font-mono text-lg font-bold text-brand-700 hover:underline"
                >
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
