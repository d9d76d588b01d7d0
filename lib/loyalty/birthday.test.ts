import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { birthdayCouponGrants, couponCodes, coupons, customers, outbox } from "@/db/schema";
import { createCoupon, issueCouponToPhone, openCodesForCustomer, setCouponPaused, usableCodesForCustomer } from "@/lib/coupons/admin";
import { recordConsent } from "@/lib/customers/consent";
import { tellCouponCode } from "@/lib/messages/coupon-messages";
import { deleteCustomer, exportMyData, loadMyData, setMyBirthday } from "@/lib/customer-record/privacy";
import { customer } from "@/tests/helpers/metrics-fixtures";
import { zonedTime } from "@/lib/shop/time";
import { freshDb, shopWithProducts } from "@/tests/helpers/db";
import { birthdaysOn, issueBirthdayCoupons, normalizeBirthday, setBirthday } from "./birthday";
import { createTier, runNightlyTierRecompute, updateTier } from "./tiers";

describe("birthday rules", () => {
  it("reads month-day in the ways people type it, and refuses a day no year has", () => {
    expect(["03-14", "3-14", "3/14", "03.14", "3. 14.", "0314"].map(normalizeBirthday)).toEqual(Array(6).fill("03-14"));
    expect(normalizeBirthday("02-29")).toBe("02-29");
    expect(["13-01", "02-30", "04-31", "00-10", "1990-03-14", "생일", ""].map(normalizeBirthday)).toEqual(Array(7).fill(null));
  });

  it("celebrates 29 February on the 28th in other years only", () => {
    expect(birthdaysOn("2027-02-28")).toEqual(["02-28", "02-29"]);
    expect(birthdaysOn("2028-02-28")).toEqual(["02-28"]);
    expect(birthdaysOn("2028-02-29")).toEqual(["02-29"]);
    expect(birthdaysOn("2026-03-14")).toEqual(["03-14"]);
  });
});

describe("the tier's birthday coupon", () => {
  function shop() {
    const db = freshDb();
    shopWithProducts(db);
    const gift = createCoupon({
      db,
      userId: null,
      input: { name: "생일 축하 3,000원", kind: "fixed", amount: 3000, starts_on: "2026-01-01", code_mode: "issued" },
    });
    const shared = createCoupon({
      db,
      userId: null,
      input: { name: "모두에게", kind: "fixed", amount: 500, starts_on: "2026-01-01", code_mode: "shared", code: "HELLO500" },
    });
    // Threshold 0: every customer holds the tier.
    const tier = createTier({
      db,
      input: { name: "단골", window_days: 90, threshold_won: 0, points_rate_percent: 2, birthday_coupon_id: gift.id },
    });
    return { db, gift, shared, tier };
  }
  const codesOf = (db: Db, customerId: number) => db.select().from(couponCodes).where(eq(couponCodes.customerId, customerId)).all();

  it("issues it to holders whose birthday is today in the shop's zone, once per year, whatever the pass is run", () => {
    const { db, gift } = shop();
    const today = customer(db, "01011112222", "오늘생일");
    const tomorrow = customer(db, "01033334444", "내일생일");
    const none = customer(db, "01055556666", "모름");
    setBirthday({ db, customerId: today, input: { birthday: "3-14" } });
    setBirthday({ db, customerId: tomorrow, input: { birthday: "03-15" } });
    // 00:30 on 14 March in Seoul is still 13 March in UTC.
    const now = zonedTime("2026-03-14", "00:30", "Asia/Seoul");
    expect(runNightlyTierRecompute({ db, now })).toMatchObject({ birthdayCoupons: 1 });
    expect(codesOf(db, today)).toEqual([expect.objectContaining({ couponId: gift.id, validFrom: "2026-03-14" })]);
    expect(openCodesForCustomer({ db, customerId: today }).map((c) => c.name)).toEqual(["생일 축하 3,000원"]);
    expect(codesOf(db, tomorrow)).toEqual([]);
    expect(codesOf(db, none)).toEqual([]);
    // Again the same day (a restart, the CLI): nothing more.
    expect(runNightlyTierRecompute({ db, now: now + 3_600_000 })).toMatchObject({ birthdayCoupons: 0 });
    expect(issueBirthdayCoupons({ db, now: now + 7_200_000 })).toEqual([]);
    expect(codesOf(db, today)).toHaveLength(1);
    expect(db.select().from(birthdayCouponGrants).all()).toEqual([
      expect.objectContaining({ customerId: today, year: 2026, couponCodeId: codesOf(db, today)[0].id }),
    ]);
    // Tomorrow is the other's birthday; next year the first one's again.
    expect(runNightlyTierRecompute({ db, now: now + 86_400_000 })).toMatchObject({ birthdayCoupons: 1 });
    expect(codesOf(db, tomorrow)).toHaveLength(1);
    expect(issueBirthdayCoupons({ db, now: zonedTime("2027-03-14", "09:00", "Asia/Seoul") }).map((c) => c.customerId)).toEqual([today]);
    expect(codesOf(db, today)).toHaveLength(2);
  });

  it("tells the customer who agreed to marketing their code and where to find it; one without consent only sees it on their page", () => {
    const { db } = shop();
    const agreed = customer(db, "01011112222", "동의");
    const quiet = customer(db, "01033334444", "비동의");
    const noon = zonedTime("2026-03-14", "12:00", "Asia/Seoul");
    recordConsent({ db, customerId: agreed, kind: "marketing", granted: true, source: "storefront", at: noon - 1000 });
    for (const id of [agreed, quiet]) setBirthday({ db, customerId: id, input: { birthday: "03-14" } });
    expect(runNightlyTierRecompute({ db, now: noon, tell: tellCouponCode("birthday_coupon") })).toMatchObject({ birthdayCoupons: 2 });
    const queued = db.select().from(outbox).where(eq(outbox.topic, "birthday_coupon")).all();
    const [code] = codesOf(db, agreed);
    const token = db.select({ token: customers.token }).from(customers).where(eq(customers.id, agreed)).get()!.token;
    expect(queued).toEqual([
      expect.objectContaining({
        customerId: agreed,
        purpose: "marketing",
        status: "queued",
        payload: { coupon: "생일 축하 3,000원", code: code.code, url: expect.stringMatching(new RegExp(`/me/${token}$`)) },
      }),
    ]);
    expect(codesOf(db, quiet)).toHaveLength(1);
  });

  it("the customer's page offers only codes they can use: not while the coupon is paused, not after it ended", () => {
    const { db, gift } = shop();
    const c = customer(db, "01011112222");
    const noon = zonedTime("2026-03-14", "12:00", "Asia/Seoul");
    issueCouponToPhone({ db, couponId: gift.id, phone: "010-1111-2222", now: noon });
    const usable = () => usableCodesForCustomer({ db, customerId: c, now: noon }).map((x) => x.name);
    expect(usable()).toEqual(["생일 축하 3,000원"]);
    setCouponPaused({ db, couponId: gift.id, paused: true });
    expect(usable()).toEqual([]);
    expect(openCodesForCustomer({ db, customerId: c })).toHaveLength(1); // staff still see it on the card
    setCouponPaused({ db, couponId: gift.id, paused: false });
    db.update(coupons).set({ endsOn: "2026-03-14" }).where(eq(coupons.id, gift.id)).run();
    expect(usable()).toEqual(["생일 축하 3,000원"]);
    db.update(coupons).set({ endsOn: "2026-03-13" }).where(eq(coupons.id, gift.id)).run();
    expect(usable()).toEqual([]);
  });

  it("a code given by phone from the coupon page is told to the customer too", () => {
    const { db, gift } = shop();
    const c = customer(db, "01011112222");
    const noon = zonedTime("2026-03-14", "12:00", "Asia/Seoul");
    recordConsent({ db, customerId: c, kind: "marketing", granted: true, source: "storefront", at: noon - 1000 });
    const code = issueCouponToPhone({ db, couponId: gift.id, phone: "010-1111-2222", now: noon, tell: tellCouponCode("coupon_issued") });
    expect(db.select({ topic: outbox.topic, payload: outbox.payload }).from(outbox).all()).toEqual([
      { topic: "coupon_issued", payload: expect.objectContaining({ coupon: "생일 축하 3,000원", code: code.code }) },
    ]);
  });

  it("gives nothing without a tier coupon, to a deleted customer, or while the coupon is paused (then on resuming the same day)", () => {
    const { db, gift, tier } = shop();
    const c = customer(db, "01011112222");
    setBirthday({ db, customerId: c, input: { birthday: "03-14" } });
    const now = zonedTime("2026-03-14", "10:00", "Asia/Seoul");
    setCouponPaused({ db, couponId: gift.id, paused: true });
    expect(runNightlyTierRecompute({ db, now })).toMatchObject({ birthdayCoupons: 0 });
    setCouponPaused({ db, couponId: gift.id, paused: false });
    expect(issueBirthdayCoupons({ db, now })).toHaveLength(1);
    updateTier({
      db,
      id: tier.id,
      input: { name: "단골", window_days: 90, threshold_won: 0, points_rate_percent: 2, birthday_coupon_id: "" },
    });
    const other = customer(db, "01099998888");
    setBirthday({ db, customerId: other, input: { birthday: "03-14" } });
    expect(runNightlyTierRecompute({ db, now })).toMatchObject({ birthdayCoupons: 0 });
    db.update(customers).set({ deletedAt: now }).where(eq(customers.id, other)).run();
    expect(() => setBirthday({ db, customerId: other, input: { birthday: "03-14" } })).toThrow(
      expect.objectContaining({ code: "not_found" }),
    );
  });

  it("a tier's birthday coupon must be an issued coupon", () => {
    const { db, shared } = shop();
    expect(() =>
      createTier({
        db,
        input: { name: "VIP", window_days: 90, threshold_won: 100000, points_rate_percent: 3, birthday_coupon_id: shared.id },
      }),
    ).toThrow(expect.objectContaining({ code: "validation", fields: { birthday_coupon_id: { code: "tier_birthday_coupon_issued" } } }));
    expect(() =>
      createTier({ db, input: { name: "VIP", window_days: 90, threshold_won: 100000, points_rate_percent: 3, birthday_coupon_id: 999 } }),
    ).toThrow(expect.objectContaining({ code: "validation" }));
  });

  it("the customer sets it on their page, sees it in their data, and deleting their data erases it", () => {
    const { db } = shop();
    const c = customer(db, "01011112222");
    const token = db.select({ token: customers.token }).from(customers).where(eq(customers.id, c)).get()!.token;
    expect(setMyBirthday({ db, token, input: { birthday: "7/9" } })).toBe("07-09");
    expect(loadMyData({ db, token }).profile.birthday).toBe("07-09");
    expect(exportMyData({ db, token })).toMatchObject({ profile: { birthday: "07-09" } });
    expect(() => setMyBirthday({ db, token: "not-a-token-at-all", input: { birthday: "07-09" } })).toThrow(
      expect.objectContaining({ code: "not_found" }),
    );
    deleteCustomer({ db, token });
    expect(db.select({ b: customers.birthday }).from(customers).where(eq(customers.id, c)).get()).toEqual({ b: null });
  });

  it("keeps the birthday as MM-DD, clears it when emptied, refuses anything else", () => {
    const { db } = shop();
    const c = customer(db, "01011112222");
    expect(setBirthday({ db, customerId: c, input: { birthday: "12/5" } })).toBe("12-05");
    expect(db.select({ b: customers.birthday }).from(customers).where(eq(customers.id, c)).get()).toEqual({ b: "12-05" });
    expect(() => setBirthday({ db, customerId: c, input: { birthday: "02-30" } })).toThrow(
      expect.objectContaining({ code: "validation", fields: { birthday: expect.objectContaining({ code: "birthday_format" }) } }),
    );
    expect(setBirthday({ db, customerId: c, input: { birthday: " " } })).toBeNull();
    expect(db.select({ b: customers.birthday }).from(customers).where(eq(customers.id, c)).get()).toEqual({ b: null });
  });
});
