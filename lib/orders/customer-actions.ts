/** What a customer may do with their own order, by its token. */
import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { orders, type Order } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { checkInOpensAt, slotCutoffAt } from "@/lib/pickup/schedule";
import { getShopSettings } from "@/lib/shop/settings";
import { localDate, localTime } from "@/lib/shop/time";
import { runOrderCommand } from "./command";
import { applyStatusChange } from "./status";

export function findOrderByToken({ db, token }: { db: DbOrTx; token: string }): Order | undefined {
  if (typeof token !== "string" || token.length < 16 || token.length > 64) return undefined;
  return db.select().from(orders).where(eq(orders.token, token)).get();
}

/** The moment this order can no longer be cancelled by the customer: its slot's cut-off. */
export function customerCancelDeadline({ db, order }: { db: DbOrTx; order: Order }): number {
  return slotCutoffAt(order.pickupDate, { startTime: order.slotStart }, getShopSettings({ db }));
}

/** A customer cancels before the cut-off; stock and slot are released by the status change. */
export function cancelByCustomer({ db, token, now = Date.now() }: { db: Db; token: string; now?: number }): Order {
  return runOrderCommand({ db, now }, (cmd) => {
    const { tx } = cmd;
    const order = findOrderByToken({ db: tx, token });
    if (!order) throw new AppError("not_found", { message: "order_not_found" });
    if (order.status !== "placed") throw new AppError("invalid_transition", { message: "cancel_after_preparing" });
    if (now >= customerCancelDeadline({ db: tx, order })) {
      throw new AppError("cutoff_passed", { message: "cancel_after_cutoff" });
    }
    return applyStatusChange(cmd, { order, to: "cancelled", actor: { type: "customer" }, note: "고객 취소" }); // hangul-ok: stored event note
  });
}

/**
 * "도착했어요": records `arrived_at` and tells the rack — from the shop's check-in window
 * (`checkInOpensMinutes` before the slot starts) on the pickup day, never hours early.
 */
export function checkIn({ db, token, now = Date.now() }: { db: Db; token: string; now?: number }): Order {
  return runOrderCommand({ db, now }, (cmd) => {
    const { tx } = cmd;
    const order = findOrderByToken({ db: tx, token });
    if (!order) throw new AppError("not_found", { message: "order_not_found" });
    const settings = getShopSettings({ db: tx });
    const today = localDate(now, settings.timezone);
    if (order.pickupDate !== today) throw new AppError("invalid_transition", { message: "arrival_only_on_pickup_day" });
    if (order.status === "arrived") return order;
    const opensAt = checkInOpensAt(order, settings);
    if (now < opensAt) {
      throw new AppError("check_in_not_open", {
        message: "check_in_opens_at",
        params: { time: localTime(opensAt, settings.timezone) },
        details: { opens_at: opensAt },
      });
    }
    return applyStatusChange(cmd, { order, to: "arrived", actor: { type: "customer" }, note: "고객 도착 알림" }); // hangul-ok: stored event note
  });
}
