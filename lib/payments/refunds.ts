/**
 * What a prepaid order is owed back, decided inside the status change that lets it go
 * (lib/orders/status.ts calls `refundOwedOnLeaving`): the amount is stored on the order as
 * `refund_owed`, and the refund itself goes out through the provider after commit
 * (`settleRefunds` in ./prepay.ts) — so a refund the provider could not take yet is simply
 * tried again, and never sent twice.
 */
import type { DbOrTx } from "@/db/client";
import type { Order, OrderStatus } from "@/db/schema";
import { slotCutoffAt } from "@/lib/pickup/schedule";
import { getShopSettings } from "@/lib/shop/settings";
import { refundOnLeaving } from "./rules";

/** The `refund_owed` an order leaving for `to` at `now` gets (null: no change). */
export function refundOwedOnLeaving({ tx, order, to, now }: { tx: DbOrTx; order: Order; to: OrderStatus; now: number }): number | null {
  if (order.prepaidAmount <= 0 || (to !== "cancelled" && to !== "no_show")) return null;
  const settings = getShopSettings({ db: tx });
  const beforeCutoff = now < slotCutoffAt(order.pickupDate, { startTime: order.slotStart }, settings);
  return Math.max(
    order.refundedAmount,
    refundOnLeaving({ prepaid: order.prepaidAmount, to, beforeCutoff, keepPercent: settings.prepaidKeepPercent }),
  );
}
