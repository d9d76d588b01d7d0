/** Pure (no database): the rack board imports it on the tablet. */
import { localDate, localTime } from "@/lib/shop/time";
import type { PaymentMethod } from "@/db/schema";
import type { RackBoard, RackCard } from "./board";

/**
 * Uncollected orders whose pickup window has not ended yet at `now`: closing out now would
 * call them no-shows early, so the confirm step says how many.
 */
export function stillInSlot({ board, now }: { board: Pick<RackBoard, "cards" | "date" | "timezone">; now: number }): number {
  const today = localDate(now, board.timezone);
  const open = board.cards.filter((c) => c.status === "placed" || c.status === "ready" || c.status === "arrived");
  if (board.date !== today) return board.date > today ? open.length : 0;
  const clock = localTime(now, board.timezone);
  return open.filter((c) => c.slotEnd > clock).length;
}

/** Whether an order's pickup window has ended at `now`: a no-show before then is early. */
export function slotEnded({
  card,
  now,
  timezone,
}: {
  card: Pick<RackCard, "pickupDate" | "slotEnd">;
  now: number;
  timezone: string;
}): boolean {
  const today = localDate(now, timezone);
  if (card.pickupDate !== today) return card.pickupDate < today;
  return localTime(now, timezone) >= card.slotEnd;
}

export type PaymentTally = {
  paid: number;
  count: number;
  byMethod: Record<PaymentMethod | "unknown", number>;
  /** Paid online in advance. */
  prepaid: number;
  /** Paid at the counter at pickup. */
  atPickup: number;
  /** Refunded of prepayments (the board's no-shows plus `refundedCancelled`). */
  refunded: number;
  /** Coupon discounts on the paid orders. */
  discounts: number;
};

/** The day's paid total and its split by method, prepaid and at pickup, refunds and coupon discounts, for the close-out (the board holds no cancelled orders). */
export function paymentTally(
  cards: readonly (Pick<RackCard, "paid" | "paymentMethod" | "total" | "refunded"> & { discount?: number })[],
  refundedCancelled = 0,
): PaymentTally {
  const tally: PaymentTally = {
    paid: 0,
    count: 0,
    byMethod: { card: 0, cash: 0, transfer: 0, online: 0, unknown: 0 },
    prepaid: 0,
    atPickup: 0,
    refunded: refundedCancelled,
    discounts: 0,
  };
  for (const c of cards) {
    tally.refunded += c.refunded ?? 0;
    if (!c.paid) continue;
    if (c.paymentMethod === "online") tally.prepaid += c.total;
    else tally.atPickup += c.total;
    tally.paid += c.total;
    tally.discounts += c.discount ?? 0;
    tally.count++;
    tally.byMethod[c.paymentMethod ?? "unknown"] += c.total;
  }
  return tally;
}
