import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { pointsLedger } from "@/db/schema";
import { upsertCustomer } from "@/lib/customers/customers";
import { freshDb, shopWithProducts } from "@/tests/helpers/db";
import { pointsBalance } from "./policy";
import { redeemPoints } from "./redeem";

describe("redeemPoints", () => {
  it("spends once per request key, refuses more than the balance, and writes nothing on refusal", () => {
    const db = freshDb();
    shopWithProducts(db);
    const customer = upsertCustomer({ db, phone: "010-5555-0101", name: "포인트 손님", at: Date.now() });
    db.insert(pointsLedger).values({ customerId: customer.id, delta: 500, reason: "earn", sourceType: "manual" }).run();

    const first = redeemPoints({ db, customerId: customer.id, points: 200, userId: null, requestKey: "form-key-1" });
    const again = redeemPoints({ db, customerId: customer.id, points: 200, userId: null, requestKey: "form-key-1" });
    expect(again.entry.id).toBe(first.entry.id);
    expect(pointsBalance({ db, customerId: customer.id })).toBe(300);

    expect(() => redeemPoints({ db, customerId: customer.id, points: 100, userId: null, requestKey: "form-key-1" })).toThrowError(
      /다른 내용/,
    );
    expect(() => redeemPoints({ db, customerId: customer.id, points: 301, userId: null, requestKey: "form-key-2" })).toThrowError(/잔액/);
    redeemPoints({ db, customerId: customer.id, points: 300, userId: null, requestKey: "form-key-2" });
    expect(pointsBalance({ db, customerId: customer.id })).toBe(0);
    expect(db.select().from(pointsLedger).where(eq(pointsLedger.reason, "redeem")).all()).toHaveLength(2);
  });
});
