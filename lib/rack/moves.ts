/**
 * The rack's one-tap moves. Each runs in one IMMEDIATE transaction through the order state
 * machine (lib/orders/status.ts), so an illegal move is refused by the rules whatever the
 * screen shows, every change is an order event with its actor, and live screens hear of it.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { orders, type Order, type OrderStatus } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { publishOrderChange } from "@/lib/events/order-events";
import { findOrderByToken } from "@/lib/orders/customer-actions";
import { getOrderForUpdate, transitionInTx, undoLastChangeInTx, type Actor } from "@/lib/orders/status";
import { getShopSettings } from "@/lib/shop/settings";
import { localDate } from "@/lib/shop/time";
import { assignNextRackSlot, isRackSlot, isRackSlotConflict, takenRackSlots } from "./slots";

type StaffActor = { type: "user"; userId: number };

function rackNote(slot: string | null): string | null {
  return slot ? `랙 ${slot}` : null; // hangul-ok: stored event note (typed events replace it)
}

/** The rack slot a status event recorded (`랙 A3`), for restoring it on undo. */
export function rackSlotFromNote(note: string | null | undefined): string | null {
  const match = /^랙 ([A-Z]\d{1,2})$/.exec(note ?? "");
  return match ? match[1] : null;
}

function notify(order: Order, now: number): void {
  publishOrderChange({ orderId: order.id, pickupDate: order.pickupDate, status: order.status, at: now });
}

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
export function markReady({ db, orderId, actor, rackSlot, now = Date.now() }: { db: Db; orderId: number; actor: Actor; rackSlot?: string | null; now?: number }): Order {
  const updated = guarded(() =>
    db.transaction(
      (tx) => {
        const order = getOrderForUpdate({ db: tx, orderId });
        const slot = chooseSlot({ tx, order, rackSlot });
        if (order.status === "arrived") {
          if (order.rackSlot) throw new AppError("invalid_transition", { message: "already_on_rack" });
          return tx.update(orders).set({ rackSlot: slot, readyAt: order.readyAt ?? now }).where(eq(orders.id, order.id)).returning().get();
        }
        return transitionInTx({ tx, order, to: "ready", actor, now, note: rackNote(slot), extra: { rackSlot: slot } });
      },
      { behavior: "immediate" },
    ),
  );
  notify(updated, now);
  return updated;
}

function chooseSlot({ tx, order, rackSlot }: { tx: DbOrTx; order: Order; rackSlot?: string | null }): string {
  const settings = getShopSettings({ db: tx });
  if (!rackSlot) return assignNextRackSlot({ db: tx, pickupDate: order.pickupDate, layout: settings });
  if (!isRackSlot(settings, rackSlot)) throw new AppError("validation", { message: "rack_slot_unknown", params: { slot: rackSlot }, fields: { rackSlot: "rack_slot_choose_again" } });
  if (takenRackSlots({ db: tx, pickupDate: order.pickupDate }).has(rackSlot)) throw new AppError("rack_slot_taken");
  return rackSlot;
}

/** Move a bag that is on the rack (or an arrived order without one) to another slot. */
export function changeRackSlot({ db, orderId, rackSlot, now = Date.now() }: { db: Db; orderId: number; rackSlot: string; now?: number }): Order {
  const updated = guarded(() =>
    db.transaction(
      (tx) => {
        const order = getOrderForUpdate({ db: tx, orderId });
        if (order.status !== "ready" && order.status !== "arrived") throw new AppError("invalid_transition", { message: "slot_change_only_on_rack" });
        if (order.rackSlot === rackSlot) return order;
        const slot = chooseSlot({ tx, order, rackSlot });
        return tx.update(orders).set({ rackSlot: slot }).where(eq(orders.id, order.id)).returning().get();
      },
      { behavior: "immediate" },
    ),
  );
  notify(updated, now);
  return updated;
}

/** A plain status move (arrived, picked up, no-show) by staff. */
export function moveOrder({ db, orderId, to, actor, now = Date.now() }: { db: Db; orderId: number; to: Extract<OrderStatus, "arrived" | "picked_up" | "no_show">; actor: Actor; now?: number }): Order {
  const updated = db.transaction(
    (tx) => {
      const order = getOrderForUpdate({ db: tx, orderId });
      // Leaving the rack records which slot it left, so an undo can put the bag back.
      const note = to === "picked_up" || to === "no_show" ? rackNote(order.rackSlot) : null;
      return transitionInTx({ tx, order, to, actor, now, note });
    },
    { behavior: "immediate" },
  );
  notify(updated, now);
  return updated;
}

/** "되돌리기": take back the user's own last move on this order, within the undo window. */
export function undoRackMove({ db, orderId, actor, now = Date.now() }: { db: Db; orderId: number; actor: StaffActor; now?: number }): Order {
  const updated = db.transaction(
    (tx) => {
      const { order, undone } = undoLastChangeInTx({ tx, order: getOrderForUpdate({ db: tx, orderId }), actor, now });
      const previousSlot = rackSlotFromNote(undone.note);
      // A bag taken off the rack goes back to its slot if nobody has taken it since.
      if ((order.status === "ready" || order.status === "arrived") && previousSlot && !order.rackSlot && !takenRackSlots({ db: tx, pickupDate: order.pickupDate }).has(previousSlot)) {
        return tx.update(orders).set({ rackSlot: previousSlot }).where(eq(orders.id, order.id)).returning().get();
      }
      return order;
    },
    { behavior: "immediate" },
  );
  notify(updated, now);
  return updated;
}

export const OPEN_STATUSES: readonly OrderStatus[] = ["placed", "ready", "arrived"];

/** How many orders a close-out of `date` would mark as no-show. */
export function countUncollected({ db, date }: { db: DbOrTx; date: string }): number {
  return db.select({ id: orders.id }).from(orders).where(and(eq(orders.pickupDate, date), inArray(orders.status, [...OPEN_STATUSES]))).all().length;
}

/**
 * Close-out at the end of the day: every order of `date` not yet collected becomes a
 * no-show, in one transaction, which frees its rack slot. Returns the orders changed.
 * Only today or a past day: the board can show tomorrow, and a no-show is final.
 */
export function closeOutDay({ db, date, actor, now = Date.now() }: { db: Db; date: string; actor: Actor; now?: number }): Order[] {
  const changed = db.transaction(
    (tx) => {
      if (date > localDate(now, getShopSettings({ db: tx }).timezone)) {
        throw new AppError("invalid_transition", { message: "close_out_not_yet" });
      }
      const open = tx.select().from(orders).where(and(eq(orders.pickupDate, date), inArray(orders.status, [...OPEN_STATUSES]))).all();
      return open.map((order) => transitionInTx({ tx, order, to: "no_show", actor, now, note: "마감 정리" })); // hangul-ok: stored event note
    },
    { behavior: "immediate" },
  );
  for (const order of changed) notify(order, now);
  return changed;
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
  if (id) return db.select().from(orders).where(eq(orders.id, Number(id))).get();
  if (/^[A-Z0-9]{3,6}$/i.test(value)) {
    const today = localDate(now, getShopSettings({ db }).timezone);
    return db.select().from(orders).where(and(eq(orders.pickupDate, today), eq(orders.code, value.toUpperCase()))).get();
  }
  return undefined;
}

/**
 * A scan at the rack means the customer is here: open their order and mark it arrived
 * when it is still waiting (placed or ready); later statuses are left as they are.
 */
export function checkInByScan({ db, text, actor, now = Date.now() }: { db: Db; text: string; actor: StaffActor; now?: number }): { order: Order; markedArrived: boolean } {
  const found = resolveScan({ db, text, now });
  if (!found) throw new AppError("not_found", { message: "qr_order_not_found" });
  const today = localDate(now, getShopSettings({ db }).timezone);
  if (found.pickupDate !== today || (found.status !== "placed" && found.status !== "ready")) return { order: found, markedArrived: false };
  try {
    return { order: moveOrder({ db, orderId: found.id, to: "arrived", actor, now }), markedArrived: true };
  } catch (e) {
    // Another tablet or the customer's own check-in got there first: that is fine.
    if (e instanceof AppError && e.code === "invalid_transition") return { order: getOrderForUpdate({ db, orderId: found.id }), markedArrived: false };
    throw e;
  }
}
