import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { LeadTimeChart, OutcomeTrendChart, RevenueChart, RevisitTrendChart } from "@/components/metrics/charts";
import { MetricTile } from "@/components/metrics/metric-tile";
import { RangePicker } from "@/components/metrics/range-picker";
import { buttonClass } from "@/components/ui/button-class";
import { Notice } from "@/components/ui/notice";
import { requirePagePermission } from "@/lib/auth/session";
import { errorSentence, isAppError } from "@/lib/errors";
import { resolveLocale } from "@/i18n/messages";
import { formatDate } from "@/lib/format";
import { dashboardData } from "@/lib/metrics/dashboard";
import { rangeFromSearch } from "@/lib/metrics/presets";
import { resolveRange } from "@/lib/metrics/range";
import { TILE_KEYS, tilesOf } from "@/lib/metrics/tiles";
import { getShopSettings } from "@/lib/shop/settings";
import { localDate } from "@/lib/shop/time";
import { requestNow } from "@/lib/web/now";

export const dynamic = "force-dynamic";

type Search = { range?: string; from?: string; to?: string };

export default async function MetricsPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePagePermission("metrics", "/admin/metrics");
  const t = await getTranslations("metrics");
  const locale = await getLocale();
  const db = getDb();
  const timeZone = getShopSettings({ db }).timezone;
  const now = requestNow();
  const chosen = rangeFromSearch(await searchParams, localDate(now, timeZone));

  let range;
  try {
    range = resolveRange({ from: chosen.from, to: chosen.to, now, timeZone });
  } catch (e) {
    if (!isAppError(e)) throw e;
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">{t("dashboard.title")}</h1>
        <RangePicker basePath="/admin/metrics" preset={null} from={chosen.from} to={chosen.to} />
        <Notice testId="metrics-range-error">{errorSentence(e, resolveLocale(locale))}</Notice>
      </div>
    );
  }
  const data = dashboardData({ db, range });
  const { current, previous, previousRange: prev } = data;
  const tiles = tilesOf(current);
  const prevTiles = new Map(tilesOf(previous).map((x) => [x.key, x]));
  const q = `from=${range.from}&to=${range.to}`;
  const tile = (key: string) => tiles.find((x) => x.key === key)!;

  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-3">
          <h1 className="text-2xl font-bold">{t("dashboard.title")}</h1>
          <a href={`/admin/metrics/tiles.csv?${q}`} className={buttonClass("secondary", "text-sm")} download>
            {t("dashboard.downloadCsv")}
          </a>
        </div>
        <p className="text-stone-600" data-testid="metrics-range">
          {t("dashboard.subtitle", {
            from: formatDate(range.from, locale),
            to: formatDate(range.to, locale),
            prevFrom: formatDate(prev.from, locale),
            prevTo: formatDate(prev.to, locale),
          })}
        </p>
        <RangePicker basePath="/admin/metrics" preset={chosen.preset} from={range.from} to={range.to} />
      </header>

      <section aria-labelledby="north-star" className="space-y-3 rounded-3xl bg-brand-50 p-5">
        <div>
          <h2 id="north-star" className="text-xl font-bold text-brand-700">
            {t("dashboard.northStar")}
          </h2>
          <p className="text-stone-700">{t("dashboard.northStarHint")}</p>
        </div>
        <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,2fr)]">
          {(["revisit_rate_30", "revisit_rate_60"] as const).map((key) => (
            <MetricTile key={key} tile={tile(key)} previous={prevTiles.get(key)} drillHref={`/admin/metrics/${key}?${q}`} large />
          ))}
          <RevisitTrendChart
            data={data.revisitTrend}
            title={t("dashboard.trendTitle")}
            labels={{ r30: t("names.revisit_rate_30"), r60: t("names.revisit_rate_60") }}
          />
        </div>
      </section>

      <section aria-labelledby="supporting" className="space-y-3">
        <h2 id="supporting" className="text-xl font-bold">
          {t("dashboard.supporting")}
        </h2>
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
          {TILE_KEYS.map((key) => (
            <MetricTile key={key} tile={tile(key)} previous={prevTiles.get(key)} drillHref={`/admin/metrics/${key}?${q}`} />
          ))}
        </div>
      </section>

      <section aria-labelledby="charts" className="space-y-3">
        <h2 id="charts" className="text-xl font-bold">
          {t("dashboard.charts")}
        </h2>
        <div className="grid gap-4 xl:grid-cols-3">
          <LeadTimeChart
            data={data.leadTimes}
            title={t("dashboard.leadTimeChart")}
            countLabel={t("names.pickup_lead_time")}
            targetLabel="2:00"
          />
          <OutcomeTrendChart
            data={data.outcomeTrend}
            title={t("dashboard.outcomeChart")}
            labels={{ conversion: t("names.preorder_conversion"), noShow: t("names.no_show_rate") }}
          />
          <RevenueChart
            data={data.revenueTrend}
            title={t("dashboard.revenueChart")}
            labels={{ web: t("channels.web"), phone: t("channels.phone"), store: t("channels.store") }}
          />
        </div>
      </section>
      <p className="text-sm text-stone-500">
        <Link href="/admin/review" className="inline-flex min-h-11 items-center underline">
          {t("review.title")}
        </Link>
      </p>
    </div>
  );
}
