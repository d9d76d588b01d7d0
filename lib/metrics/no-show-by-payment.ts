/**
 * The no-show rate split by how the order was to be paid (docs/METRICS.md, `no_show_rate`
 * `by_payment`): the same orders as the no-show rate — pickup date in range, status final
 * (`picked_up`, `no_show`, `cancelled`) — split into prepaid (paid online in advance,
 * `prepaid_amount > 0`) and pay at pickup (the rest). An expired hold is no pre-order outcome.
 * So the owner sees whether prepayment keeps customers coming.
 */
import type { Db } from "@/db/client";
import type { MetricRange } from "./range";
import { baseParams, one, ratio } from "./sql";

export type NoShowSplit = { value: number | null; numerator: number; denominator: number };

export function noShowByPayment({ db, range }: { db: Db; range: MetricRange }): { prepaid: NoShowSplit; at_pickup: NoShowSplit } {
  // Conditional sums over the covering index (pickup_date, status, prepaid_amount): no grouping of the rows.
  const r = one<{ n: number; ns: number | null; pn: number | null; pns: number | null }>(
    db,
    `SELECT count(*) AS n, sum(status = 'no_show') AS ns, sum(prepaid_amount > 0) AS pn, sum(prepaid_amount > 0 AND status = 'no_show') AS pns
       FROM orders WHERE pickup_date >= @from AND pickup_date <= @to AND status IN ('picked_up', 'no_show', 'cancelled')`,
    baseParams(range),
  );
  const split = (n: number, ns: number): NoShowSplit => ({ value: ratio(ns, n), numerator: ns, denominator: n });
  const pn = Number(r.pn ?? 0);
  const pns = Number(r.pns ?? 0);
  return { prepaid: split(pn, pns), at_pickup: split(r.n - pn, Number(r.ns ?? 0) - pns) };
}
