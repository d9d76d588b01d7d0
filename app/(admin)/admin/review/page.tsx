import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { formatChange, formatMetric } from "@/components/metrics/format";
import { WeeklyNoteForm } from "@/components/metrics/weekly-note-form";
import { requirePagePermission } from "@/lib/auth/session";
import { formatDate, formatDateTime, formatWon } from "@/lib/format";
import { tilesOf } from "@/lib/metrics/tiles";
import { weeklyReview } from "@/lib/metrics/weekly";
import { getShopSettings } from "@/lib/shop/settings";
import { addDays, localDate } from "@/lib/shop/time";
import { requestNow } from "@/lib/web/now";
import { saveWeeklyNoteAction } from "./actions";
import { LOYALTY_TILE_KEYS } from "@/lib/metrics/loyalty-tiles";

export const dynamic = "force-dynamic";

/** The loop's numbers the owner checks every week (the north star is on the dashboard). */
const LOOP = [
  "revisit_rate_30",
  "pickup_lead_time",
  "preorder_conversion",
  "no_show_rate",
  "stock_accuracy",
  "points_consistency",
  "cs_response_time",
  "consult_to_visit",
  "revenue",
  ...LOYALTY_TILE_KEYS,
  "average_order_value",
  "channel_switch_rate",
  "coupon_redemption",
];

export default async function WeeklyReviewPage() {
  await requirePagePermission("metrics", "/admin/review");
  const t = await getTranslations("metrics");
  const locale = await getLocale();
  const tt = (k: string, v?: Record<string, string | number>) => t(k as never, v as never);
  const db = getDb();
  const timeZone = getShopSettings({ db }).timezone;
  const now = requestNow();
  const r = weeklyReview({ db, today: localDate(now, timeZone), now, timeZone });
  const cur = new Map(tilesOf(r.current).map((x) => [x.key, x]));
  const prev = new Map(tilesOf(r.previous).map((x) => [x.key, x]));

  return (
    <div className="max-w-5xl space-y-8">
      <header>
        <h1 className="text-2xl font-bold">{t("review.title")}</h1>
        <p className="text-stone-600">
          {t("review.subtitle", { from: formatDate(r.lastWeek, locale), to: formatDate(addDays(r.lastWeek, 6), locale) })}
        </p>
      </header>

      <section aria-labelledby="last-note" className="rounded-2xl border-2 border-brand-500 bg-brand-50 p-5" data-testid="last-week-note">
        <h2 id="last-note" className="text-lg font-bold text-brand-700">
          {t("review.lastNote")}
        </h2>
        <p className="mt-2 whitespace-pre-wrap text-lg">{r.lastWeeksNote?.body || t("review.noLastNote")}</p>
      </section>

      <section aria-labelledby="numbers" className="space-y-3">
        <h2 id="numbers" className="text-xl font-bold">
          {t("review.numbers")}
        </h2>
        <div className="overflow-x-auto rounded-2xl border border-stone-200 bg-white">
          <table className="w-full text-left" data-testid="review-table">
            <thead className="bg-stone-50 text-sm text-stone-700">
              <tr>
                <th scope="col" className="px-4 py-2">
                  {t("review.metric")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("review.lastWeek")}
                </th>
                <th scope="col" className="px-4 py-2">
                  {t("review.weekBefore")}
                </th>
                <th scope="col" className="px-4 py-2">
                  <span className="sr-only">{t("tile.change", { change: "" })}</span>
                </th>
                <th scope="col" className="px-4 py-2">
                  <span className="sr-only">{t("tile.met")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {LOOP.map((key) => {
                const c = cur.get(key)!;
                const p = prev.get(key)!;
                const change = formatChange(c.kind, c.value, p.value, tt, locale);
                return (
                  <tr key={key} className="border-t border-stone-100">
                    <th scope="row" className="px-4 py-3 font-semibold">
                      <Link
                        href={`/admin/metrics/${key}?from=${r.lastWeek}&to=${addDays(r.lastWeek, 6)}`}
                        className="inline-flex min-h-11 items-center underline-offset-2 hover:underline"
                      >
                        {t(`names.${key}` as never)}
                      </Link>
                    </th>
                    <td className="px-4 py-3 text-lg font-bold tabular-nums">{formatMetric(c.kind, c.value, tt, locale)}</td>
                    <td className="px-4 py-3 tabular-nums text-stone-600">{formatMetric(p.kind, p.value, tt, locale)}</td>
                    <td className="px-4 py-3 text-sm text-stone-600">{change?.text ?? "—"}</td>
                    <td className="px-4 py-3 text-sm">
                      {c.met === null ? (
                        ""
                      ) : c.met ? (
                        <span className="font-semibold text-green-800">✓ {t("tile.met")}</span>
                      ) : (
                        <span className="font-semibold text-red-800">✗ {t("tile.notMet")}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <div className="grid gap-6 lg:grid-cols-3">
        <ReviewList id="slow" title={t("review.slowOrders")} empty={t("review.noSlowOrders")} testId="slow-orders">
          {r.slowOrders.map((o) => (
            <li key={o.id} className="flex justify-between gap-2 px-4 py-2">
              <Link href={`/admin/orders/${o.id}`} className="min-h-11 content-center font-semibold text-brand-700 underline">
                {o.code} · {formatDate(o.pickup_date, locale)}
              </Link>
              <span className="content-center text-sm text-red-800">{t("review.wait", { seconds: Math.round(o.wait_s) })}</span>
            </li>
          ))}
        </ReviewList>
        <ReviewList id="noshows" title={t("review.noShows")} empty={t("review.noNoShows")} testId="no-shows">
          {r.noShows.map((o) => (
            <li key={o.id} className="flex justify-between gap-2 px-4 py-2">
              <Link href={`/admin/orders/${o.id}`} className="min-h-11 content-center font-semibold text-brand-700 underline">
                {o.code} · {formatDate(o.pickupDate, locale)} {o.slotStart}
              </Link>
              <span className="content-center whitespace-nowrap text-sm">
                {o.name ?? "—"} · {formatWon(o.total, locale)}
              </span>
            </li>
          ))}
        </ReviewList>
        <ReviewList id="reviews" title={t("review.lowReviews")} empty={t("review.noReviews")} testId="low-reviews">
          {r.lowReviews.map((v) => (
            <li key={v.id} className="px-4 py-2">
              <p className="font-semibold text-amber-900">
                {t("review.stars", { rating: v.rating })} · {formatDateTime(v.createdAt, locale, timeZone)}
              </p>
              <p className="text-sm">{v.comment || "—"}</p>
            </li>
          ))}
        </ReviewList>
      </div>

      <section aria-labelledby="note" className="space-y-2 rounded-2xl border border-stone-200 bg-white p-5">
        <h2 id="note" className="text-lg font-bold">
          {t("review.noteTitle")}
        </h2>
        <WeeklyNoteForm weekStart={r.thisWeek} body={r.thisWeeksNote?.body ?? ""} action={saveWeeklyNoteAction} />
      </section>
    </div>
  );
}

/** One of the week's "look at these" lists: a heading, then the items or a line saying there are none. */
function ReviewList({
  id,
  title,
  empty,
  testId,
  children,
}: {
  id: string;
  title: string;
  empty: string;
  testId: string;
  children: React.ReactNode[];
}) {
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-lg font-bold">
        {title}
      </h2>
      {children.length === 0 ? (
        <p className="text-stone-600">{empty}</p>
      ) : (
        <ul className="divide-y divide-stone-100 rounded-2xl border border-stone-200 bg-white" data-testid={testId}>
          {children}
        </ul>
      )}
    </section>
  );
}
