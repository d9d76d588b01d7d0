/** Display of metric values: rates as %, durations with units, money via formatWon; null → "—". */
import { formatWon, intlLocale } from "@/lib/format";
import type { TileKind } from "@/lib/metrics/tiles";

type T = (key: string, values?: Record<string, string | number>) => string;

const num = (v: number, digits: number, locale: string) => v.toLocaleString(intlLocale(locale), { maximumFractionDigits: digits });

export function formatMetric(kind: TileKind, value: number | null, t: T, locale: string): string {
  if (value === null || value === undefined) return "—";
  switch (kind) {
    case "rate":
      return `${num(value * 100, 1, locale)}%`;
    case "seconds":
      return t("units.seconds", { value: num(value, 1, locale) });
    case "minutes":
      return t("units.minutes", { value: num(value, 1, locale) });
    case "days":
      return t("units.days", { value: num(value, 1, locale) });
    case "ratio":
      return t("units.ratio", { value: num(value, 2, locale) });
    case "won":
      return formatWon(value, locale);
  }
}

/** Change vs the previous period: percentage points for rates, the unit's difference otherwise. */
export function formatChange(
  kind: TileKind,
  current: number | null,
  previous: number | null,
  t: T,
  locale: string,
): { text: string; direction: "up" | "down" | "same" } | null {
  if (current === null || previous === null) return null;
  const diff = current - previous;
  if (Math.abs(diff) < 1e-9) return { text: t("tile.noChange"), direction: "same" };
  const sign = diff > 0 ? "+" : "−";
  const abs = Math.abs(diff);
  const text =
    kind === "rate" ? t("units.pp", { value: `${sign}${num(abs * 100, 1, locale)}` }) : `${sign}${formatMetric(kind, abs, t, locale)}`;
  return { text: t("tile.change", { change: text }), direction: diff > 0 ? "up" : "down" };
}

export function formatTarget(kind: TileKind, direction: string | null, target: number | null, t: T, locale: string): string | null {
  if (target === null || direction === null) return null;
  const sym = direction === "at_least" ? "≥ " : direction === "at_most" ? "≤ " : "> ";
  return t("tile.target", { target: sym + formatMetric(kind, target, t, locale) });
}
