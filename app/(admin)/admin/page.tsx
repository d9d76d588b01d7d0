import { headers } from "next/headers";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ActionForm } from "@/components/ui/action-form";
import { PageHeader } from "@/components/admin/page-header";
import { ruleSentence } from "@/components/admin/rule-sentence";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button-class";
import { QrCode } from "@/components/ui/qr-code";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { formatDate, formatWon } from "@/lib/format";
import { listOrdersForDate } from "@/lib/orders/admin";
import { setupChecklist, type ChecklistStep } from "@/lib/pickup/first-run";
import { ruleExample } from "@/lib/pickup/rule-example";
import { loadSchedule } from "@/lib/shop/settings";
import { addDays, localDate } from "@/lib/shop/time";
import { openOrderingNowAction } from "./actions";
import { requestNow } from "@/lib/web/now";
import { cn } from "@/components/ui/cn";

/** After setup: what a new shop still lacks before customers can order, each with where to fix it. */
async function FirstRunChecklist({ now }: { now: number }) {
  const t = await getTranslations("admin.home");
  const tp = await getTranslations("admin.pickup");
  const locale = await getLocale();
  const db = getDb();
  const checklist = setupChecklist({ db, now });
  if (checklist.complete) return null;
  const { settings, slots, closedDates } = loadSchedule({ db });
  const sentence = ruleSentence({
    example: ruleExample({ settings, slots, closed: closedDates, now }),
    t: tp,
    locale,
    timezone: settings.timezone,
  });
  const h = await headers();
  const shopUrl = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}/`;
  const links: Record<ChecklistStep, { href: string; label: string } | null> = {
    details: { href: "/admin/settings", label: t("goDetails") },
    products: { href: "/admin/products/new", label: t("goProducts") },
    plan: { href: `/admin/plan?from=${checklist.planDate}`, label: t("goPlan") },
    window: { href: "/admin/pickup", label: t("goWindow") },
    share: null,
  };
  return (
    <section
      aria-labelledby="checklist-title"
      className="mb-6 rounded-2xl border border-brand-100 bg-white p-4 sm:p-5"
      data-testid="first-run-checklist"
    >
      <h2 id="checklist-title" className="text-xl font-bold">
        {t("checklistTitle")}
      </h2>
      <p className="mt-1 text-stone-600">{t("checklistLead")}</p>
      <ol className="mt-4 divide-y divide-stone-100">
        {checklist.steps.map(({ step, done }, i) => (
          <li
            key={step}
            className="grid grid-cols-[2rem_1fr] items-start gap-x-3 gap-y-2 py-4 sm:grid-cols-[2rem_1fr_auto]"
            data-testid={`checklist-${step}`}
            data-done={done}
          >
            <span
              aria-hidden
              className={cn(
                "flex size-8 shrink-0 items-center justify-center rounded-full text-sm font-bold",
                done ? "bg-green-700 text-white" : "bg-stone-100 text-stone-700",
              )}
            >
              {done ? "✓" : i + 1}
            </span>
            <div className="min-w-0 flex-1">
              <p className="text-lg font-semibold">
                {t(`step_${step}`, { date: formatDate(checklist.planDate, locale) })}{" "}
                {step !== "share" && <Badge tone={done ? "green" : "amber"}>{done ? t("stepDone") : t("stepTodo")}</Badge>}
              </p>
              {step === "window" && (
                <div className="mt-1 space-y-1 text-stone-700">
                  <p data-testid="window-sentence">{sentence}</p>
                  <p className="font-medium" data-testid="window-status">
                    {checklist.openDate ? t("windowOpen", { date: formatDate(checklist.openDate, locale) }) : t("windowClosed")}
                  </p>
                  {!checklist.openDate && (
                    <ActionForm
                      action={openOrderingNowAction}
                      submitLabel={t("openNow")}
                      pendingLabel={t("openingNow")}
                      variant="primary"
                      className="mt-2"
                    />
                  )}
                </div>
              )}
              {step === "share" && (
                <div className="mt-2 flex flex-wrap items-center gap-4">
                  <QrCode value={shopUrl} label={t("shareQr")} size={112} />
                  <div className="min-w-0">
                    <p className="text-stone-700">{t("shareLead")}</p>
                    <a
                      href={shopUrl}
                      className="mt-1 inline-block font-mono text-base break-all text-brand-700 underline"
                      data-testid="share-link"
                    >
                      {shopUrl}
                    </a>
                  </div>
                </div>
              )}
            </div>
            {links[step] && !done && (
              <Link
                href={links[step].href}
                className={buttonClass("secondary", "col-start-2 justify-self-start sm:col-start-3 sm:row-start-1")}
              >
                {links[step].label}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A glance at today: what is due, what is waiting, and tomorrow's bookings. */
export default async function AdminHome() {
  const user = await requirePagePermission("orders", "/admin");
  const t = await getTranslations("admin.home");
  const locale = await getLocale();
  const db = getDb();
  const now = requestNow();
  const today = localDate(now, loadSchedule({ db }).settings.timezone);
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
      {can(user.role, "pickup_settings") && <FirstRunChecklist now={now} />}
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
