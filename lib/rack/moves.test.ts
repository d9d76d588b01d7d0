/** Rack moves write typed order events: the slot a bag was put on or left, and undo puts it back. */
import fs from "node:fs";
import { asc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { orderEvents, orders, pickupSlots } from "@/db/schema";
import { placeOrder } from "@/lib/orders/place-order";
import { localDate } from "@/lib/shop/time";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { changeRackSlot, markReady, moveOrder, undoRackMove } from "./moves";

let db: Db;
let today: string;
let bagelId: number;
const actor = { type: "user" as const, userId: 1 };

function order(phoneTail: string): number {
  return placeOrder({
    db,
    channel: "phone",
    input: {
      pickup_date: today,
      slot: "23:58-23:59",
      customer: { name: "김단골", phone: `010-1234-${phoneTail}` },
      consent: { privacy: true, marketing: false },
      items: [{ product_id: bagelId, quantity: 1, options: [] }],
      note: "",
    },
  }).order.id;
}

const events = (orderId: number) =>
  db
    .select({
      kind: orderEvents.kind,
      from: orderEvents.fromStatus,
      to: orderEvents.toStatus,
      rackSlot: orderEvents.rackSlot,
      fromRackSlot: orderEvents.fromRackSlot,
      reverses: orderEvents.reversesEventId,
      note: orderEvents.note,
    })
    .from(orderEvents)
    .where(eq(orderEvents.orderId, orderId))
    .orderBy(asc(orderEvents.id))
    .all();

beforeEach(() => {
  db = freshDb();
  bagelId = shopWithProducts(db).bagel.id;
  today = localDate(Date.now());
  db.delete(pickupSlots).run();
  db.insert(pickupSlots)
    .values(Array.from({ length: 7 }, (_, weekday) => ({ weekday, startTime: "23:58", endTime: "23:59", capacity: 100 })))
    .run();
  plan(db, today, bagelId, 100);
});

describe("rack events", () => {
  it("records the slot put on and left; undoing a hand-over puts the bag back on its slot", () => {
    const id = order("0001");
    const now = Date.now();
    markReady({ db, orderId: id, actor, now });
    moveOrder({ db, orderId: id, to: "picked_up", actor, paymentMethod: "card", now: now + 1000 });
    expect(db.select().from(orders).where(eq(orders.id, id)).get()).toMatchObject({ status: "picked_up", rackSlot: null });
    const back = undoRackMove({ db, orderId: id, actor, now: now + 2000 });
    expect(back).toMatchObject({ status: "ready", rackSlot: "A1" });
    const [placed, ready, payment, pickedUp, undo] = events(id);
    expect(payment).toMatchObject({ kind: "payment", to: "ready" });
    expect(placed).toMatchObject({ kind: "status_change", from: null, to: "placed", rackSlot: null });
    expect(ready).toMatchObject({ kind: "status_change", to: "ready", rackSlot: "A1", fromRackSlot: null, note: null });
    expect(pickedUp).toMatchObject({ kind: "status_change", to: "picked_up", rackSlot: null, fromRackSlot: "A1", note: null });
    expect(undo).toMatchObject({ kind: "undo", from: "picked_up", to: "ready", rackSlot: "A1", fromRackSlot: null });
    expect(undo.reverses).toBe(db.select().from(orderEvents).where(eq(orderEvents.toStatus, "picked_up")).get()!.id);
  });

  it("leaves the slot empty when another bag took it meanwhile", () => {
    const a = order("0001");
    const b = order("0002");
    const now = Date.now();
    markReady({ db, orderId: a, actor, now });
    moveOrder({ db, orderId: a, to: "picked_up", actor, paymentMethod: "card", now: now + 1000 });
    markReady({ db, orderId: b, actor, now: now + 1500 });
    expect(undoRackMove({ db, orderId: a, actor, now: now + 2000 })).toMatchObject({ status: "ready", rackSlot: null });
  });

  it("a slot move and a slot for an order that arrived first are rack_slot_assigned events, which undo skips", () => {
    const a = order("0001");
    const b = order("0002");
    const now = Date.now();
    markReady({ db, orderId: a, actor, now });
    changeRackSlot({ db, orderId: a, rackSlot: "B3", actor, now: now + 500 });
    moveOrder({ db, orderId: b, to: "arrived", actor, now });
    markReady({ db, orderId: b, actor, now: now + 600 });
    expect(events(a).at(-1)).toMatchObject({ kind: "rack_slot_assigned", to: "ready", fromRackSlot: "A1", rackSlot: "B3" });
    expect(events(b).at(-1)).toMatchObject({ kind: "rack_slot_assigned", to: "arrived", fromRackSlot: null, rackSlot: "A1" });
    // The last status change of `a` is still "ready": undo takes it back and clears the slot.
    expect(undoRackMove({ db, orderId: a, actor, now: now + 1000 })).toMatchObject({ status: "placed", rackSlot: null });
  });
});

describe("migration of old notes", () => {
  it("turns '랙 A3' and '되돌리기' notes into typed columns once", () => {
    const id = order("0001");
    const at = Date.now();
    const insert = (fromStatus: string, toStatus: string, note: string | null) =>
      db.insert(orderEvents).values({ orderId: id, fromStatus, toStatus, actorType: "user", actorUserId: 1, note, at }).returning().get()
        .id;
    insert("placed", "ready", "랙 A3");
    const pickedUp = insert("ready", "picked_up", "랙 A3");
    insert("picked_up", "ready", "되돌리기");
    insert("ready", "cancelled", "손님 요청");
    // The data part of the committed migration (after its ALTER TABLEs), run again on old-style rows.
    const sql = fs.readFileSync("db/migrations/0005_order-events-typed.sql", "utf8");
    const data = sql.split("--> statement-breakpoint").filter((s) => s.trim() && !/^\s*(ALTER|CREATE|DROP)\b/i.test(s));
    for (const statement of data) db.$client.exec(statement);
    expect(events(id).slice(1)).toEqual([
      { kind: "status_change", from: "placed", to: "ready", rackSlot: "A3", fromRackSlot: null, reverses: null, note: null },
      { kind: "status_change", from: "ready", to: "picked_up", rackSlot: null, fromRackSlot: "A3", reverses: null, note: null },
      { kind: "undo", from: "picked_up", to: "ready", rackSlot: null, fromRackSlot: null, reverses: pickedUp, note: null },
      { kind: "status_change", from: "ready", to: "cancelled", rackSlot: null, fromRackSlot: null, reverses: null, note: "손님 요청" },
    ]);
  });
});
