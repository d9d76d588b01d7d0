import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { ORDER_STATUSES, orderEvents, orders, pointsLedger, type OrderStatus } from "@/db/schema";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { placeOrder } from "./place-order";
import { canTransition, changeOrderStatus, getOrderForUpdate, TRANSITIONS, undoLastChangeInTx } from "./status";
import { eq } from "drizzle-orm";
import { localDate } from "@/lib/shop/time";

const ALLOWED: [OrderStatus, OrderStatus][] = [
  ["placed", "ready"],
  ["placed", "arrived"],
  ["placed", "picked_up"],
  ["placed", "no_show"],
  ["placed", "cancelled"],
  ["ready", "arrived"],
  ["ready", "picked_up"],
  ["ready", "no_show"],
  ["ready", "cancelled"],
  ["arrived", "picked_up"],
  ["arrived", "no_show"],
  ["arrived", "cancelled"],
];

describe("order state machine", () => {
  for (const from of ORDER_STATUSES) {
    for (const to of ORDER_STATUSES) {
      const allowed = ALLOWED.some(([f, t]) => f === from && t === to);
      it(`${from} → ${to} is ${allowed ? "allowed" : "refused"}`, () => {
        expect(canTransition(from, to)).toBe(allowed);
      });
    }
  }
  it("has no way out of a final status", () => {
    expect(TRANSITIONS.picked_up).toEqual([]);
    expect(TRANSITIONS.no_show).toEqual([]);
    expect(TRANSITIONS.cancelled).toEqual([]);
  });
});

describe("changeOrderStatus and undo against the database", () => {
  let db: Db;
  let orderId: number;
  const now = Date.now();
  beforeEach(() => {
    db = freshDb();
    const { bagel } = shopWithProducts(db);
    const today = localDate(now);
    plan(db, today, bagel.id, 10);
    const slot = db.query.pickupSlots.findFirst()!;
    void slot;
    const slots = db.query.pickupSlots.findMany().sync().filter((s) => s.weekday === new Date(`${today}T12:00:00+09:00`).getUTCDay());
    orderId = placeOrder({
      db,
      channel: "phone",
      now,
      input: { pickup_date: today, slot: `${slots.at(-1)!.startTime}-${slots.at(-1)!.endTime}`, customer: { name: "김단골", phone: "010-1234-5678" }, consent: { privacy: true, marketing: false }, items: [{ product_id: bagel.id, quantity: 2, options: [] }], note: "" },
    }).order.id;
  });

  it("refuses picked up → ready and writes nothing", () => {
    changeOrderStatus({ db, orderId, to: "picked_up", actor: { type: "user", userId: 1 }, now });
    expect(() => changeOrderStatus({ db, orderId, to: "ready", actor: { type: "user", userId: 1 }, now })).toThrow(/바꿀 수 없어요/);
    expect(getOrderForUpdate({ db, orderId }).status).toBe("picked_up");
    expect(db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).all().map((e) => e.toStatus)).toEqual(["placed", "picked_up"]);
  });

  it("undoes a hand-over by the same user within the window and takes the points back", () => {
    changeOrderStatus({ db, orderId, to: "picked_up", actor: { type: "user", userId: 1 }, now });
    expect(db.select().from(pointsLedger).all()).toHaveLength(1);
    const { order } = db.transaction((tx) => undoLastChangeInTx({ tx, order: getOrderForUpdate({ db: tx, orderId }), actor: { type: "user", userId: 1 }, now: now + 3000 }));
    expect(order.status).toBe("placed");
    expect(order.pickedUpAt).toBeNull();
    expect(db.select().from(pointsLedger).all()).toHaveLength(0);
    const last = db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).all().at(-1)!;
    expect([last.fromStatus, last.toStatus, last.actorUserId, last.note]).toEqual(["picked_up", "placed", 1, "되돌리기"]);
    // Handed over again, it earns again.
    changeOrderStatus({ db, orderId, to: "picked_up", actor: { type: "user", userId: 1 }, now: now + 4000 });
    expect(db.select().from(pointsLedger).all()).toHaveLength(1);
  });

  it("refuses an undo by another user, after the window, or twice", () => {
    changeOrderStatus({ db, orderId, to: "ready", actor: { type: "user", userId: 1 }, now, extra: { rackSlot: "A1" } });
    const undo = (userId: number, at: number) => db.transaction((tx) => undoLastChangeInTx({ tx, order: getOrderForUpdate({ db: tx, orderId }), actor: { type: "user", userId }, now: at }));
    expect(() => undo(2, now + 1000)).toThrow(/다른 사람/);
    expect(() => undo(1, now + 60_000)).toThrow(/시간이 지났/);
    expect(undo(1, now + 1000).order).toMatchObject({ status: "placed", rackSlot: null, readyAt: null });
    expect(() => undo(1, now + 2000)).toThrow(/되돌릴 수 있는 변경이 없어요/);
    expect(db.select().from(orders).get()!.status).toBe("placed");
  });
});
