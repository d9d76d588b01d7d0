import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { PageHeader } from "@/components/admin/page-header";
import { buttonClass } from "@/components/ui/button-class";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { formatDate, formatWon } from "@/lib/format";
import { listOrdersForDate } from "@/lib/orders/admin";
import { getShopSettings } from "@/lib/shop/settings";
import { addDays, localDate } from "@/lib/shop/time";

/** A glance at today: what is due, what is waiting, and tomorrow's bookings. */
export default async function AdminHome() {
  const user = await requirePagePermission("orders", "/admin");
  const t = await getTranslations("admin.home");
  const locale = await getLocale();
  const db = getDb();
  const today = localDate(Date.now(), getShopSettings({ db }).timezone);
  const tomorrow = addDays(today, 1);
  const todays = listOrdersForDate({ db, date: today }).totals;
  const tomorrows = listOrdersForDate({ db, date: tomorrow }).totals;
  const waiting = todays.byStatus.placed + todays.byStatus.ready + todays.byStatus.arrived;
  const tiles = [
    { label: t("ordersToday"), value: String(todays.live), href: `/admin/orders?date=${today}` },
    { label: t("waiting"), value: String(waiting), href: `/admin/orders?date=${today}` },
    { label: t("revenueToday"), value: formatWon(todays.revenue, locale), href: `/admin/orders?date=${today}` },
    { label: t("ordersTomorrow"), value: String(tomorrows.live), href: `/admin/orders?date=${tomorrow}` },
  ];
  return (
    <>
      <PageHeader
        title={`${t("title")} · ${formatDate(today, locale)}`}
        actions={
          <>
            <Link href={`/admin/orders?date=${today}`} className={buttonClass("primary")}>
              {t("openOrders")}
            </Link>
            {can(user.role, "plan") && (
              <Link href="/admin/plan" className={buttonClass("secondary")}>
                {t("openPlan")}
              </Link>
            )}
          </>
        }
      />
      <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4" data-testid="today-summary">
        {tiles.map((tile) => (
          <li key={tile.label}>
            <Link href={tile.href} className="block rounded-2xl border border-stone-200 bg-white p-5 hover:border-brand-500">
              <span className="block text-sm text-stone-600">{tile.label}</span>
              <span className="mt-1 block text-3xl font-bold tabular-nums">{tile.value}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
