/**
 * The no-show rate split by how the order was to be paid (docs/METRICS.md, `no_show_rate`
 * `by_payment`): the same orders as the no-show rate — pickup date in range, status final
 * (`picked_up`, `no_show`, `cancelled`) — split into prepaid (paid online in advance,
 * `prepaid_amount > 0`) and pay at pickup (the rest). An expired hold is no pre-order outcome.
 * So the owner sees whether prepayment keeps customers coming.
 */
import type { MetricArgs } from "./range";
import { outcomeDays, outcomeTotals, type OutcomeDay } from "./metrics";
import { ratio } from "./sql";

export type NoShowSplit = { value: number | null; numerator: number; denominator: number };

export function noShowByPayment({
  db,
  range,
  days = outcomeDays({ db, range }),
}: MetricArgs<{
  /** The range's `outcomeDays`, when already read. */
  days?: readonly OutcomeDay[];
}>): { prepaid: NoShowSplit; at_pickup: NoShowSplit } {
  const r = outcomeTotals(days);
  const split = (n: number, ns: number): NoShowSplit => ({ value: ratio(ns, n), numerator: ns, denominator: n });
  return { prepaid: split(r.pn, r.pns), at_pickup: split(r.n - r.pn, r.ns - r.pns) };
}
