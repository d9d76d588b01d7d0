/**
 * The rows behind a metric tile (lib/metrics/drilldown.ts and the loyalty drill-downs): one
 * generic column set the page renders, and the one query helper every drill-down uses.
 */
import type { Db } from "@/db/client";
import type { MetricRange } from "./range";
import { all, baseParams } from "./sql";

/** One row: a label column set that the page renders generically. */
export type DrilldownRow = {
  kind: "order" | "sale" | "exchange" | "customer" | "stock_count" | "inquiry" | "consultation" | "rate";
  id: number;
  customer: string | null;
  date: string | null;
  at: number | null;
  channel: string | null;
  status: string | null;
  amount: number | null;
  /** The number that matters for this metric (seconds, days, count difference …). */
  measure: number | null;
  flag: boolean | null;
};

const EMPTY_ROW = {
  kind: "order",
  id: 0,
  customer: null,
  date: null,
  at: null,
  channel: null,
  status: null,
  amount: null,
  measure: null,
  flag: null,
} as const;

/**
 * Runs a drill-down's SQL over the range (`@start`, `@end`, `@limit`, … from `baseParams`, plus
 * `extra`) and fills the columns the query does not name.
 */
export function drilldownQuery({ db, range, limit }: { db: Db; range: MetricRange; limit: number }) {
  const p = { ...baseParams(range), limit };
  return (sqlText: string, extra: Record<string, number> = {}): DrilldownRow[] =>
    all<DrilldownRow>(db, sqlText, { ...p, ...extra }).map((r) => ({ ...EMPTY_ROW, ...r }));
}
