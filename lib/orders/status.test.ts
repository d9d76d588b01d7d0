import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { ORDER_STATUSES, orderEvents, orderItems, orders, pointsLedger, type OrderStatus } from "@/db/schema";
import { recordReturn } from "@/lib/returns/returns";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { placeOrder } from "./place-order";
import { onOrderChange, type OrderChange } from "@/lib/events/order-events";
import { pointsBalance } from "@/lib/points/policy";
import { runOrderCommand } from "./command";
import { applyStatusChange, applyUndo, canTransition, changeOrderStatus, getOrderForUpdate, TRANSITIONS } from "./status";
import { eq } from "drizzle-orm";
import { localDate } from "@/lib/shop/time";

const ALLOWED: [OrderStatus, OrderStatus][] = [
  ["awaiting_payment", "placed"],
  ["awaiting_payment", "expired"],
  ["awaiting_payment", "cancelled"],
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
    const slots = db.query.pickupSlots
      .findMany()
      .sync()
      .filter((s) => s.weekday === new Date(`${today}T12:00:00+09:00`).getUTCDay());
    orderId = placeOrder({
      db,
      channel: "phone",
      now,
      input: {
        pickup_date: today,
        slot: `${slots.at(-1)!.startTime}-${slots.at(-1)!.endTime}`,
        customer: { name: "김단골", phone: "010-1234-5678" },
        consent: { privacy: true, marketing: false },
        items: [{ product_id: bagel.id, quantity: 2, options: [] }],
        note: "",
      },
    }).order.id;
  });

  it("refuses picked up → ready and writes nothing", () => {
    changeOrderStatus({ db, orderId, to: "picked_up", actor: { type: "user", userId: 1 }, now });
    expect(() => changeOrderStatus({ db, orderId, to: "ready", actor: { type: "user", userId: 1 }, now })).toThrow(/바꿀 수 없어요/);
    expect(getOrderForUpdate({ db, orderId }).status).toBe("picked_up");
    expect(
      db
        .select()
        .from(orderEvents)
        .where(eq(orderEvents.orderId, orderId))
        .all()
        .map((e) => e.toStatus),
    ).toEqual(["placed", "picked_up"]);
  });

  const undo = (userId: number, at: number) =>
    runOrderCommand({ db, now: at }, (cmd) =>
      applyUndo(cmd, { order: getOrderForUpdate({ db: cmd.tx, orderId }), actor: { type: "user", userId } }),
    );

  it("undoes a hand-over by the same user within the window and reverses the points in the ledger", () => {
    const customerId = getOrderForUpdate({ db, orderId }).customerId!;
    changeOrderStatus({ db, orderId, to: "picked_up", actor: { type: "user", userId: 1 }, now });
    const earned = pointsBalance({ db, customerId });
    expect(earned).toBeGreaterThan(0);
    const { order, undone } = undo(1, now + 3000);
    expect(order.status).toBe("placed");
    expect(order.pickedUpAt).toBeNull();
    expect(order.pointsEarned).toBe(0);
    // Append-only: the earn row stays, a reversing entry names it, the balance is back to 0.
    const ledger = db.select().from(pointsLedger).all();
    expect(ledger.map((e) => [e.reason, e.delta])).toEqual([
      ["earn", earned],
      ["reverse", -earned],
    ]);
    expect(ledger[1].reversesId).toBe(ledger[0].id);
    expect(pointsBalance({ db, customerId })).toBe(0);
    const last = db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).all().at(-1)!;
    expect([last.kind, last.fromStatus, last.toStatus, last.actorUserId, last.reversesEventId, last.note]).toEqual([
      "undo",
      "picked_up",
      "placed",
      1,
      undone.id,
      null,
    ]);
    // Handed over again, it earns again, once; undone again, reversed again.
    changeOrderStatus({ db, orderId, to: "picked_up", actor: { type: "user", userId: 1 }, now: now + 4000 });
    expect(pointsBalance({ db, customerId })).toBe(earned);
    expect(getOrderForUpdate({ db, orderId }).pointsEarned).toBe(earned);
    undo(1, now + 5000);
    expect(pointsBalance({ db, customerId })).toBe(0);
    changeOrderStatus({ db, orderId, to: "picked_up", actor: { type: "user", userId: 1 }, now: now + 6000 });
    expect(pointsBalance({ db, customerId })).toBe(earned);
    expect(
      db
        .select()
        .from(pointsLedger)
        .all()
        .map((e) => e.reason),
    ).toEqual(["earn", "reverse", "earn", "reverse", "earn"]);
  });

  it("refuses to undo a hand-over once part of it was returned; the ledger keeps the return and the balance what still stands", () => {
    const customerId = getOrderForUpdate({ db, orderId }).customerId!;
    changeOrderStatus({ db, orderId, to: "picked_up", actor: { type: "user", userId: 1 }, now });
    const earned = pointsBalance({ db, customerId });
    const productId = db.select().from(orderItems).where(eq(orderItems.orderId, orderId)).get()!.productId;
    const { ret } = recordReturn({
      db,
      source: "staff",
      actorUserId: 1,
      now: now + 1000,
      input: { order_id: orderId, items: [{ product_id: productId, quantity: 1 }], refund: 0, method: "cash" },
    });
    expect(ret.pointsReversed).toBeGreaterThan(0);
    expect(() => undo(1, now + 3000)).toThrow(/반품이 기록된 픽업은 되돌릴 수 없어요/);
    expect(getOrderForUpdate({ db, orderId })).toMatchObject({ status: "picked_up", pointsEarned: earned });
    expect(
      db
        .select()
        .from(pointsLedger)
        .all()
        .map((e) => [e.reason, e.delta]),
    ).toEqual([
      ["earn", earned],
      ["return", -ret.pointsReversed],
    ]);
    expect(pointsBalance({ db, customerId })).toBe(earned - ret.pointsReversed);
    expect(
      db
        .select()
        .from(orderEvents)
        .where(eq(orderEvents.orderId, orderId))
        .all()
        .map((e) => e.kind),
    ).not.toContain("undo");
  });

  it("refuses an undo by another user, after the window, or twice", () => {
    changeOrderStatus({ db, orderId, to: "ready", actor: { type: "user", userId: 1 }, now, extra: { rackSlot: "A1" } });
    expect(() => undo(2, now + 1000)).toThrow(/다른 사람/);
    expect(() => undo(1, now + 60_000)).toThrow(/시간이 지났/);
    expect(undo(1, now + 1000).order).toMatchObject({ status: "placed", rackSlot: null, readyAt: null });
    expect(() => undo(1, now + 2000)).toThrow(/되돌릴 수 있는 변경이 없어요/);
    expect(db.select().from(orders).get()!.status).toBe("placed");
  });

  it("publishes what changed only after commit, and nothing when the command fails", () => {
    const heard: OrderChange[] = [];
    const stop = onOrderChange((c) => heard.push(c));
    try {
      expect(() =>
        runOrderCommand({ db, now }, (cmd) => {
          applyStatusChange(cmd, { order: getOrderForUpdate({ db: cmd.tx, orderId }), to: "ready", actor: { type: "system" } });
          throw new Error("later step fails");
        }),
      ).toThrow("later step fails");
      expect(heard).toEqual([]);
      expect(getOrderForUpdate({ db, orderId }).status).toBe("placed");
      runOrderCommand({ db, now }, (cmd) => {
        applyStatusChange(cmd, { order: getOrderForUpdate({ db: cmd.tx, orderId }), to: "ready", actor: { type: "system" } });
        // Inside the transaction nobody has heard yet.
        expect(heard).toEqual([]);
      });
      expect(heard).toEqual([{ orderId, pickupDate: localDate(now), status: "ready", kind: "status_change", at: now }]);
    } finally {
      stop();
    }
  });
});
