import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { Tile } from "@/lib/metrics/tiles";
import { formatChange, formatMetric, formatTarget } from "./format";
import { cn } from "@/components/ui/cn";

/**
 * One metric: value, target with met / not met in colour AND words, the counts behind it,
 * the change against the previous period, the definition in a disclosure, and a drill-down.
 */
export async function MetricTile({
  tile,
  previous,
  drillHref,
  large = false,
}: {
  tile: Tile;
  previous?: Tile;
  drillHref: string;
  large?: boolean;
}) {
  const t = await getTranslations("metrics");
  const locale = await getLocale();
  const tt = (k: string, v?: Record<string, string | number>) => t(k as never, v as never);
  const value = formatMetric(tile.kind, tile.value, tt, locale);
  const target = formatTarget(tile.kind, tile.direction, tile.target, tt, locale);
  const change = formatChange(tile.kind, tile.value, previous?.value ?? null, tt, locale);
  const better = change && change.direction !== "same" ? (change.direction === "down") === tile.lowerIsBetter : null;
  const status = tile.met === null ? null : tile.met;
  const won = (n: number | null | undefined) => formatMetric("won", n ?? 0, tt, locale);
  return (
    <section
      data-testid={`metric-${tile.key}`}
      aria-labelledby={`metric-${tile.key}-name`}
      className={cn(
        "flex flex-col gap-2 rounded-2xl border bg-white p-4",
        status === true ? "border-green-300" : status === false ? "border-red-300" : "border-stone-200",
      )}
    >
      <div className="flex items-start justify-between gap-2">
        <h3 id={`metric-${tile.key}-name`} className={cn(large ? "text-lg" : "text-base", "font-semibold text-stone-800")}>
          {t(`names.${tile.key}` as never)}
        </h3>
        {status !== null && (
          <span
            className={cn(
              "rounded-full px-2.5 py-0.5 text-sm font-semibold",
              status ? "bg-green-100 text-green-800" : "bg-red-100 text-red-800",
            )}
            data-testid="metric-met"
          >
            {status ? `✓ ${t("tile.met")}` : `✗ ${t("tile.notMet")}`}
          </span>
        )}
      </div>
      <p className={cn(large ? "text-5xl" : "text-3xl", "font-bold tabular-nums text-ink")} data-testid="metric-value">
        {value}
      </p>
      <p className="text-sm text-stone-600" data-testid="metric-counts">
        {tile.kind === "rate" && tile.denominator !== null
          ? t("tile.counts", { numerator: tile.numerator ?? 0, denominator: tile.denominator })
          : tile.key === "channel_synergy"
            ? t("tile.synergy", {
                omni: tile.numerator === null ? "—" : won(tile.numerator),
                single: tile.denominator === null ? "—" : won(tile.denominator),
              })
            : tile.key === "revenue"
              ? t("tile.byChannel", { web: won(tile.extra.web), phone: won(tile.extra.phone), store: won(tile.extra.store) })
              : t("tile.basis", { denominator: tile.denominator ?? 0 })}
        {tile.key === "pickup_lead_time" && tile.extra.p90_s !== null && (
          <> · {t("tile.p90", { value: formatMetric("seconds", tile.extra.p90_s, tt, locale) })}</>
        )}
        {tile.key === "pickup_lead_time" && !!tile.extra.missing_arrival && (
          <> · {t("tile.missingArrival", { count: tile.extra.missing_arrival })}</>
        )}
        {tile.key === "no_show_rate" && !!tile.extra.prepaid_orders && (
          <span className="block" data-testid="no-show-by-payment">
            {t("tile.noShowByPayment", {
              prepaid: formatMetric("rate", tile.extra.prepaid, tt, locale),
              prepaidOrders: tile.extra.prepaid_orders ?? 0,
              atPickup: formatMetric("rate", tile.extra.at_pickup, tt, locale),
              atPickupOrders: tile.extra.at_pickup_orders ?? 0,
            })}
          </span>
        )}
        {tile.key === "cs_response_time" && !!tile.extra.unanswered && <> · {t("tile.unanswered", { count: tile.extra.unanswered })}</>}
        {!!tile.extra.too_recent && <> · {t("dashboard.tooRecent", { count: tile.extra.too_recent })}</>}
      </p>
      <p className="text-sm text-stone-600">{target ?? t("tile.noTarget")}</p>
      <p
        className={cn("text-sm font-medium", better === null ? "text-stone-600" : better ? "text-green-800" : "text-red-800")}
        data-testid="metric-change"
      >
        {change ? `${change.direction === "up" ? "▲" : change.direction === "down" ? "▼" : "＝"} ${change.text}` : t("tile.noPrevious")}
      </p>
      <details className="text-sm text-stone-700">
        <summary className="flex min-h-11 cursor-pointer items-center font-medium text-brand-700">{t("tile.howComputed")}</summary>
        <p className="pb-1">{t(`how.${tile.key}` as never)}</p>
      </details>
      <Link
        href={drillHref}
        className="mt-auto inline-flex min-h-11 items-center text-sm font-semibold text-brand-700 underline-offset-2 hover:underline"
      >
        {t("dashboard.drilldown")} →
      </Link>
    </section>
  );
}
