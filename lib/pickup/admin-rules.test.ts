import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { closedDates, customerPurchases, pickupSlots, purchaseDays, shopSettings } from "@/db/schema";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { at, customer, sale } from "@/tests/helpers/metrics-fixtures";
import { dayNumber } from "@/lib/metrics/sql";
import { placeOrder } from "@/lib/orders/place-order";
import { orderInput } from "@/lib/orders/input";
import { ruleExample } from "@/lib/pickup/rule-example";
import { updateShopDetails } from "@/lib/shop/details";
import { saveShopDetails } from "@/lib/purchases/shop-details";
import { addClosedDate, addSlot, removeSlot, updatePickupRules, updateSlot } from "./admin-rules";
import { getShopSettings } from "@/lib/shop/settings";
import { addDays, localDate, localTime, weekdayOf, zonedTime } from "@/lib/shop/time";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
const tomorrow = addDays(localDate(Date.now()), 1);
const rules = {
  opensDaysBefore: 1,
  opensTime: "18:00",
  cutoffMode: "day_before",
  cutoffDaysBefore: 1,
  cutoffTime: "21:00",
  cutoffHoursBefore: 2,
  daysAhead: 7,
  maxItemsPerOrder: 30,
  closedWeekdays: ["1"],
};
const details = {
  name: "새 이름 빵집",
  phone: "02 123 4567",
  address: "서울시 마포구",
  timezone: "Asia/Seoul",
  pointsRatePercent: "1.5",
  rackRows: "abcd",
  rackColumns: "6",
};

beforeEach(() => {
  db = freshDb();
  shop = shopWithProducts(db);
});

describe("shop details", () => {
  it("a new time zone moves every purchase to its local day again (the metrics' sequence is rebuilt)", () => {
    const customerId = customer(db, "01055556666");
    // 2026-02-10 00:30 in Seoul is still 2026-02-09 in UTC.
    sale(db, { customerId, occurredAt: at("2026-02-10", "00:30") });
    const day = () => db.select({ day: customerPurchases.day }).from(customerPurchases).get()!.day;
    expect(day()).toBe(dayNumber("2026-02-10"));
    saveShopDetails({ db, input: { ...details, timezone: "UTC" } });
    expect(day()).toBe(dayNumber("2026-02-09"));
    expect(db.select({ day: purchaseDays.day }).from(purchaseDays).all()).toEqual([{ day: dayNumber("2026-02-09") }]);
  });

  it("saves details, turning percent into basis points and normalising the rack rows", () => {
    const s = updateShopDetails({ db, input: details });
    expect(s).toMatchObject({ name: "새 이름 빵집", phone: "02-123-4567", pointsRateBp: 150, rackRows: "ABCD", rackColumns: 6 });
  });

  it("keeps the opening hours as written, with the textarea's CRLF line breaks made plain", () => {
    expect(updateShopDetails({ db, input: { ...details, openingHours: " 화–토 10:00–19:00\r\n일 휴무 " } }).openingHours).toBe(
      "화–토 10:00–19:00\n일 휴무",
    );
    expect(updateShopDetails({ db, input: details }).openingHours).toBeNull();
    expect(() => updateShopDetails({ db, input: { ...details, openingHours: "가".repeat(301) } })).toThrowError(/300자까지/);
  });

  it("refuses an unknown time zone, a bad phone, repeated rack letters and a huge rate", () => {
    expect(() => updateShopDetails({ db, input: { ...details, timezone: "Mars/Olympus" } })).toThrowError(/시간대를 목록에서/);
    expect(() => updateShopDetails({ db, input: { ...details, phone: "12345" } })).toThrowError(/전화번호를 확인/);
    expect(() => updateShopDetails({ db, input: { ...details, rackRows: "AAB" } })).toThrowError(/겹쳐요/);
    expect(() => updateShopDetails({ db, input: { ...details, pointsRatePercent: "80" } })).toThrowError(/50% 이하/);
    expect(() => updateShopDetails({ db, input: { ...details, rackColumns: "0" } })).toThrowError(/1 이상/);
    expect(getShopSettings({ db }).name).toBe("테스트 빵집");
  });
});

describe("pickup rules", () => {
  it("saves the rules and explains them with an example", () => {
    const s = updatePickupRules({ db, input: rules });
    expect(s).toMatchObject({ cutoffMode: "day_before", closedWeekdays: [1], opensTime: "18:00" });
    const ex = ruleExample({ settings: s, slots: db.select().from(pickupSlots).all() });
    expect(ex.mode).toBe("day_before");
    expect(weekdayOf(ex.date)).not.toBe(1);
    expect(localDate(ex.opensAt)).toBe(addDays(ex.date, -1));
    expect(localTime(ex.opensAt)).toBe("18:00");
    expect(ex.cutoffAt).toBe(zonedTime(addDays(ex.date, -1), "21:00"));
  });

  it("refuses a cut-off before the opening and closing every weekday", () => {
    expect(() => updatePickupRules({ db, input: { ...rules, cutoffTime: "17:00" } })).toThrowError(/마감은 주문 시작보다 뒤/);
    expect(() => updatePickupRules({ db, input: { ...rules, opensTime: "25:00" } })).toThrowError(/HH:MM/);
    expect(() => updatePickupRules({ db, input: { ...rules, closedWeekdays: ["0", "1", "2", "3", "4", "5", "6"] } })).toThrowError(
      /모든 요일/,
    );
    // hours_before_slot ignores the day_before times
    expect(
      updatePickupRules({ db, input: { ...rules, cutoffMode: "hours_before_slot", cutoffTime: "17:00", cutoffHoursBefore: "3" } })
        .cutoffHoursBefore,
    ).toBe(3);
  });
});

describe("slots and closed dates", () => {
  it("adds a slot, refuses an overlapping one and end before start", () => {
    db.delete(pickupSlots).run();
    addSlot({ db, input: { weekday: "2", startTime: "10:00", endTime: "11:00", capacity: "5" } });
    expect(() => addSlot({ db, input: { weekday: "2", startTime: "10:30", endTime: "11:30", capacity: "5" } })).toThrowError(/겹쳐요/);
    expect(() => addSlot({ db, input: { weekday: "2", startTime: "12:00", endTime: "11:00", capacity: "5" } })).toThrowError(
      /끝 시간은 시작 시간보다 뒤/,
    );
    addSlot({ db, input: { weekday: "3", startTime: "10:30", endTime: "11:30", capacity: "5" } });
    expect(db.select().from(pickupSlots).all()).toHaveLength(2);
  });

  it("keeps a booked slot: no moving or removing while orders use it, but capacity may change", () => {
    plan(db, tomorrow, shop.bagel.id, 5);
    placeOrder({
      db,
      channel: "web",
      input: orderInput.parse({
        pickup_date: tomorrow,
        slot: "10:00-11:00",
        customer: { name: "김", phone: "01012345678" },
        consent: { privacy: true },
        items: [{ product_id: shop.bagel.id, quantity: 1 }],
      }),
    });
    const slot = db
      .select()
      .from(pickupSlots)
      .all()
      .find((s) => s.weekday === weekdayOf(tomorrow) && s.startTime === "10:00")!;
    expect(() => removeSlot({ db, id: slot.id })).toThrowError(/1건 있어 지울 수 없어요/);
    expect(() =>
      updateSlot({ db, id: slot.id, input: { weekday: slot.weekday, startTime: "10:30", endTime: "11:00", capacity: 5, active: true } }),
    ).toThrowError(/시간을 바꿀 수 없어요/);
    expect(
      updateSlot({ db, id: slot.id, input: { weekday: slot.weekday, startTime: "10:00", endTime: "11:00", capacity: 3, active: false } }),
    ).toMatchObject({ capacity: 3, active: false });
    expect(() => addClosedDate({ db, input: { date: tomorrow, reason: "휴가" } })).toThrowError(/주문이 1건 있어요/);
    expect(db.select().from(closedDates).all()).toHaveLength(0);
  });

  it("adds a closed date with its reason; a past date is refused", () => {
    addClosedDate({ db, input: { date: addDays(tomorrow, 3), reason: "가족 행사" } });
    expect(db.select().from(closedDates).all()).toEqual([{ date: addDays(tomorrow, 3), reason: "가족 행사" }]);
    expect(() => addClosedDate({ db, input: { date: addDays(tomorrow, -3) } })).toThrowError(/지난 날짜/);
    expect(db.select().from(shopSettings).get()?.name).toBe("테스트 빵집");
  });
});
