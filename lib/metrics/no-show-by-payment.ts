/**
 * The no-show rate split by how the order was to be paid (docs/METRICS.md, `no_show_rate`
 * `by_payment`): the same orders as the no-show rate — pickup date in range, status final
 * (`picked_up`, `no_show`, `cancelled`) — split into prepaid (paid online in advance,
 * `prepaid_amount > 0`) and pay at pickup (the rest). An expired hold is no pre-order outcome.
 * So the owner sees whether prepayment keeps customers coming.
 */
import type { Db } from "@/db/client";
import type { MetricRange } from "./range";
import { all, baseParams, ratio } from "./sql";

export type NoShowSplit = { value: number | null; numerator: number; denominator: number };

export function noShowByPayment({ db, range }: { db: Db; range: MetricRange }): { prepaid: NoShowSplit; at_pickup: NoShowSplit } {
  const rows = all<{ prepaid: number; n: number; ns: number | null }>(
    db,
    `SELECT prepaid_amount > 0 AS prepaid, count(*) AS n, sum(status = 'no_show') AS ns FROM orders
      WHERE pickup_date >= @from AND pickup_date <= @to AND status IN ('picked_up', 'no_show', 'cancelled')
      GROUP BY prepaid_amount > 0`,
    baseParams(range),
  );
  const split = (prepaid: boolean): NoShowSplit => {
    const r = rows.find((x) => Boolean(x.prepaid) === prepaid);
    const n = r?.n ?? 0;
    const ns = Number(r?.ns ?? 0);
    return { value: ratio(ns, n), numerator: ns, denominator: n };
  };
  return { prepaid: split(true), at_pickup: split(false) };
}
