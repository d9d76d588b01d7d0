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
export function slotEnded({ card, now, timezone }: { card: Pick<RackCard, "pickupDate" | "slotEnd">; now: number; timezone: string }): boolean {
  const today = localDate(now, timezone);
  if (card.pickupDate !== today) return card.pickupDate < today;
  return localTime(now, timezone) >= card.slotEnd;
}

export type PaymentTally = { paid: number; count: number; byMethod: Record<PaymentMethod | "unknown", number>; /** Coupon discounts on the paid orders. */ discounts: number };

/** The day's paid total and its split by method, for the close-out (the board holds no cancelled orders). */
export function paymentTally(cards: readonly (Pick<RackCard, "paid" | "paymentMethod" | "total"> & { discount?: number })[]): PaymentTally {
  const tally: PaymentTally = { paid: 0, count: 0, byMethod: { card: 0, cash: 0, transfer: 0, unknown: 0 }, discounts: 0 };
  for (const c of cards) {
    if (!c.paid) continue;
    tally.paid += c.total;
    tally.discounts += c.discount ?? 0;
    tally.count++;
    tally.byMethod[c.paymentMethod ?? "unknown"] += c.total;
  }
  return tally;
}
