import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { freshDb, OWNER, plan, shopWithProducts } from "@/tests/helpers/db";
import { onOrderChange, type OrderChange } from "@/lib/events/order-events";
import { stockForDate } from "@/lib/inventory/availability";
import { authenticate } from "@/lib/auth/users";
import { addDays, localDate } from "@/lib/shop/time";
import { cancelOrderByStaff, getOrderDetail, listOrdersForDate, phoneOrderDates, setPaymentStatus } from "./admin";
import { orderInput } from "./input";
import { placeOrder } from "./place-order";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
let ownerId: number;
const tomorrow = addDays(localDate(Date.now()), 1);

const input = (quantity: number, phone = "010-1111-2222") =>
  orderInput.parse({
    pickup_date: tomorrow,
    slot: "10:00-11:00",
    customer: { name: "김단골", phone },
    consent: { privacy: true },
    items: [{ product_id: shop.bagel.id, quantity }],
  });

beforeEach(async () => {
  db = freshDb();
  shop = shopWithProducts(db);
  ownerId = (await authenticate({ db, email: OWNER.email, password: OWNER.password }))!.id;
  plan(db, tomorrow, shop.bagel.id, 10);
});

describe("admin orders", () => {
  it("lists a day's orders with filters and totals", () => {
    placeOrder({ db, input: input(2), channel: "web" });
    placeOrder({ db, input: input(1, "010-3333-4444"), channel: "phone", actorUserId: ownerId });
    const all = listOrdersForDate({ db, date: tomorrow });
    expect(all.totals).toMatchObject({ count: 2, live: 2, revenue: 3 * 3500, paid: 0 });
    expect(all.rows[0]).toMatchObject({ customerName: "김단골", phoneLast4: "2222", itemSummary: "플레인 베이글 ×2" });
    expect(JSON.stringify(all.rows)).not.toContain("01011112222");
    expect(listOrdersForDate({ db, date: tomorrow, channel: "phone" }).rows.map((r) => r.phoneLast4)).toEqual(["4444"]);
    expect(listOrdersForDate({ db, date: tomorrow, status: "cancelled" }).rows).toHaveLength(0);
  });

  it("cancels with a reason: stock and slot are released and the timeline names who", () => {
    const { order } = placeOrder({ db, input: input(4), channel: "web" });
    expect(stockForDate({ db, date: tomorrow }).get(shop.bagel.id)?.available).toBe(6);
    expect(() => cancelOrderByStaff({ db, orderId: order.id, reason: " ", userId: ownerId })).toThrowError(/취소 사유를 적어 주세요/);
    cancelOrderByStaff({ db, orderId: order.id, reason: "손님 요청(전화)", userId: ownerId });
    expect(stockForDate({ db, date: tomorrow }).get(shop.bagel.id)?.available).toBe(10);
    const detail = getOrderDetail({ db, id: order.id });
    expect(detail.order).toMatchObject({ status: "cancelled", cancelReason: "손님 요청(전화)" });
    expect(detail.customer).toEqual({ name: "김단골", phone: "010-1111-2222" });
    expect(detail.events[0]).toMatchObject({ toStatus: "cancelled", actorType: "user", note: "손님 요청(전화)" });
    expect(detail.events[0].actorName).toBeTruthy();
    expect(
      phoneOrderDates({ db })
        .find((d) => d.date === tomorrow)
        ?.slots.find((s) => s.label === "10:00-11:00")?.remaining,
    ).toBe(10);
    expect(() => cancelOrderByStaff({ db, orderId: order.id, reason: "again", userId: ownerId })).toThrowError(/바꿀 수 없어요/);
  });

  it("marks paid and unpaid, as order events that open boards hear of", () => {
    const { order } = placeOrder({ db, input: input(1), channel: "web" });
    const heard: OrderChange[] = [];
    const stop = onOrderChange((c) => heard.push(c));
    try {
      setPaymentStatus({ db, orderId: order.id, paymentStatus: "paid", actor: { type: "user", userId: ownerId } });
      expect(listOrdersForDate({ db, date: tomorrow }).totals.paid).toBe(3500);
      expect(heard).toMatchObject([{ orderId: order.id, kind: "payment", status: "placed" }]);
      setPaymentStatus({ db, orderId: order.id, paymentStatus: "paid", actor: { type: "user", userId: ownerId } });
      expect(heard).toHaveLength(1);
      setPaymentStatus({ db, orderId: order.id, paymentStatus: "unpaid", actor: { type: "user", userId: ownerId } });
      expect(heard).toHaveLength(2);
    } finally {
      stop();
    }
    const detail = getOrderDetail({ db, id: order.id });
    expect(detail.order.paymentStatus).toBe("unpaid");
    expect(detail.events.map((e) => [e.kind, e.paymentStatus, e.toStatus])).toEqual([
      ["payment", "unpaid", "placed"],
      ["payment", "paid", "placed"],
      ["status_change", null, "placed"],
    ]);
  });
});
