/**
 * The rack's one-tap moves. Each runs as one order command (lib/orders/command.ts) through
 * the order state machine (lib/orders/status.ts), so an illegal move is refused by the rules
 * whatever the screen shows, every change is an order event with its actor and rack slot,
 * and live screens hear of it after commit.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { orders, type Order, type OrderStatus, type PaymentMethod } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { applyPayment } from "@/lib/orders/admin";
import { recordOrderEvent, runOrderCommand } from "@/lib/orders/command";
import { findOrderByToken } from "@/lib/orders/customer-actions";
import { slotEndsAt } from "@/lib/pickup/schedule";
import { applyStatusChange, applyUndo, canTransition, getOrderForUpdate, type Actor } from "@/lib/orders/status";
import { OPEN_STATUSES } from "@/lib/order-status-sets";
import { getShopSettings } from "@/lib/shop/settings";
import { localDate } from "@/lib/shop/time";
import { assignNextRackSlot, isRackSlot, isRackSlotConflict, takenRackSlots } from "./slots";

type StaffActor = { type: "user"; userId: number };

/** Run a write, turning the rack-slot unique index into `rack_slot_taken`. */
function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (isRackSlotConflict(e)) throw new AppError("rack_slot_taken");
    throw e;
  }
}

/**
 * The bag is on the rack. A placed order becomes ready on the next free slot (or the slot
 * staff chose); an order whose customer checked in before the bag was ready stays arrived
 * and gets its slot.
 */
export function markReady({
  db,
  orderId,
  actor,
  rackSlot,
  now = Date.now(),
}: {
  db: Db;
  orderId: number;
  actor: Actor;
  rackSlot?: string | null;
  now?: number;
}): Order {
  return guarded(() =>
    runOrderCommand({ db, now }, (cmd) => {
      const { tx } = cmd;
      const order = getOrderForUpdate({ db: tx, orderId });
      const slot = chooseSlot({ tx, order, rackSlot });
      if (order.status === "arrived") {
        if (order.rackSlot) throw new AppError("invalid_transition", { message: "already_on_rack" });
        const updated = tx
          .update(orders)
          .set({ rackSlot: slot, readyAt: order.readyAt ?? now })
          .where(eq(orders.id, order.id))
          .returning()
          .get();
        recordOrderEvent(cmd, { kind: "rack_slot_assigned", before: order, after: updated, actor });
        return updated;
      }
      return applyStatusChange(cmd, { order, to: "ready", actor, extra: { rackSlot: slot } });
    }),
  );
}

function chooseSlot({ tx, order, rackSlot }: { tx: DbOrTx; order: Order; rackSlot?: string | null }): string {
  const settings = getShopSettings({ db: tx });
  if (!rackSlot) return assignNextRackSlot({ db: tx, pickupDate: order.pickupDate, layout: settings });
  if (!isRackSlot(settings, rackSlot))
    throw new AppError("validation", {
      message: "rack_slot_unknown",
      params: { slot: rackSlot },
      fields: { rackSlot: "rack_slot_choose_again" },
    });
  if (takenRackSlots({ db: tx, pickupDate: order.pickupDate }).has(rackSlot)) throw new AppError("rack_slot_taken");
  return rackSlot;
}

/** Move a bag that is on the rack (or an arrived order without one) to another slot. */
export function changeRackSlot({
  db,
  orderId,
  rackSlot,
  actor,
  now = Date.now(),
}: {
  db: Db;
  orderId: number;
  rackSlot: string;
  actor: Actor;
  now?: number;
}): Order {
  return guarded(() =>
    runOrderCommand({ db, now }, (cmd) => {
      const { tx } = cmd;
      const order = getOrderForUpdate({ db: tx, orderId });
      if (order.status !== "ready" && order.status !== "arrived")
        throw new AppError("invalid_transition", { message: "slot_change_only_on_rack" });
      if (order.rackSlot === rackSlot) return order;
      const slot = chooseSlot({ tx, order, rackSlot });
      const updated = tx.update(orders).set({ rackSlot: slot }).where(eq(orders.id, order.id)).returning().get();
      recordOrderEvent(cmd, { kind: "rack_slot_assigned", before: order, after: updated, actor });
      return updated;
    }),
  );
}

/**
 * A plain status move (arrived, picked up, no-show) by staff; leaving the rack records the
 * slot left, so an undo can put the bag back.
 *
 * Handing over an unpaid order takes its payment in the same command: `paymentMethod` is
 * required then, and a `payment` event is written before the hand-over (an undone hand-over
 * leaves the payment standing — the money was taken). A paid order hands over as it is.
 *
 * A no-show is called only once the order's pickup slot has ended, or with `early` (staff
 * confirmed they are calling it before then).
 */
export function moveOrder({
  db,
  orderId,
  to,
  actor,
  paymentMethod,
  early = false,
  now = Date.now(),
}: {
  db: Db;
  orderId: number;
  to: Extract<OrderStatus, "arrived" | "picked_up" | "no_show">;
  actor: Actor;
  paymentMethod?: PaymentMethod | null;
  early?: boolean;
  now?: number;
}): Order {
  return runOrderCommand({ db, now }, (cmd) => {
    let order = getOrderForUpdate({ db: cmd.tx, orderId });
    if (to === "picked_up" && order.paymentStatus === "unpaid" && canTransition(order.status, to)) {
      if (!paymentMethod) throw new AppError("payment_method_required", { fields: { paymentMethod: "payment_method_field" } });
      order = applyPayment(cmd, { order, paymentStatus: "paid", paymentMethod, actor });
    }
    if (to === "no_show" && canTransition(order.status, to) && !early && now < slotEndsAt(order, getShopSettings({ db: cmd.tx }))) {
      throw new AppError("no_show_too_early", {
        message: "no_show_too_early_slot",
        params: { slot: `${order.slotStart}–${order.slotEnd}` },
      });
    }
    return applyStatusChange(cmd, { order, to, actor });
  });
}

/** "되돌리기": take back the user's own last move on this order, within the undo window; a bag taken off the rack goes back to its slot if nobody has taken it since. */
export function undoRackMove({
  db,
  orderId,
  actor,
  now = Date.now(),
}: {
  db: Db;
  orderId: number;
  actor: StaffActor;
  now?: number;
}): Order {
  return runOrderCommand({ db, now }, (cmd) => {
    const order = getOrderForUpdate({ db: cmd.tx, orderId });
    const rackSlotFree = (slot: string) => !takenRackSlots({ db: cmd.tx, pickupDate: order.pickupDate }).has(slot);
    return applyUndo(cmd, { order, actor, rackSlotFree }).order;
  });
}

export { OPEN_STATUSES };

/**
 * Close-out at the end of the day: every order of `date` not yet collected becomes a
 * no-show, in one transaction, which frees its rack slot. Returns the orders changed.
 * Only today or a past day: the board can show tomorrow, and a no-show is final.
 */
export function closeOutDay({ db, date, actor, now = Date.now() }: { db: Db; date: string; actor: Actor; now?: number }): Order[] {
  return runOrderCommand({ db, now }, (cmd) => {
    const { tx } = cmd;
    if (date > localDate(now, getShopSettings({ db: tx }).timezone)) {
      throw new AppError("invalid_transition", { message: "close_out_not_yet" });
    }
    const open = tx
      .select()
      .from(orders)
      .where(and(eq(orders.pickupDate, date), inArray(orders.status, [...OPEN_STATUSES])))
      .all();
    return open.map((order) => applyStatusChange(cmd, { order, to: "no_show", actor, note: "마감 정리" })); // hangul-ok: stored event note
  });
}

/**
 * What a QR scan at the rack points to: the customer's order link (`…/o/<token>`), a bag
 * label's staff link (`…/rack/orders/<id>`), or a bare pickup code for today.
 */
export function resolveScan({ db, text, now = Date.now() }: { db: DbOrTx; text: string; now?: number }): Order | undefined {
  const value = text.trim();
  const token = /\/o\/([A-Za-z0-9_-]{16,64})(?:[/?#]|$)/.exec(value)?.[1];
  if (token) return findOrderByToken({ db, token });
  const id = /\/rack\/orders\/(\d{1,9})(?:[/?#]|$)/.exec(value)?.[1];
  if (id)
    return db
      .select()
      .from(orders)
      .where(eq(orders.id, Number(id)))
      .get();
  if (/^[A-Z0-9]{3,6}$/i.test(value)) {
    const today = localDate(now, getShopSettings({ db }).timezone);
    return db
      .select()
      .from(orders)
      .where(and(eq(orders.pickupDate, today), eq(orders.code, value.toUpperCase())))
      .get();
  }
  return undefined;
}

/**
 * A scan at the rack means the customer is here: open their order and mark it arrived
 * when it is still waiting (placed or ready); later statuses are left as they are.
 */
export function checkInByScan({ db, text, actor, now = Date.now() }: { db: Db; text: string; actor: StaffActor; now?: number }): {
  order: Order;
  markedArrived: boolean;
} {
  const found = resolveScan({ db, text, now });
  if (!found) throw new AppError("not_found", { message: "qr_order_not_found" });
  const today = localDate(now, getShopSettings({ db }).timezone);
  if (found.pickupDate !== today || (found.status !== "placed" && found.status !== "ready")) return { order: found, markedArrived: false };
  try {
    return { order: moveOrder({ db, orderId: found.id, to: "arrived", actor, now }), markedArrived: true };
  } catch (e) {
    // Another tablet or the customer's own check-in got there first: that is fine.
    if (e instanceof AppError && e.code === "invalid_transition")
      return { order: getOrderForUpdate({ db, orderId: found.id }), markedArrived: false };
    throw e;
  }
}
