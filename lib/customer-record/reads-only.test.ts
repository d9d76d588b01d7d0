/** Pages do not write: the customer card and consent texts are read by rendering; writes are explicit. */
import { count } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { cardAccessLogs, consentTexts } from "@/db/schema";
import { freshDb, shopWithProducts } from "@/tests/helpers/db";
import { loadCustomerCard, logCardView } from "./card";
import { currentConsentText, DEFAULT_CONSENT_TEXTS, ensureConsentTexts } from "@/lib/customers/consent";
import { upsertCustomer } from "@/lib/customers/customers";

let db: Db;
const rows = (table: typeof cardAccessLogs | typeof consentTexts) => db.select({ n: count() }).from(table).get()!.n;

beforeEach(() => {
  db = freshDb();
});

describe("customer card", () => {
  it("loading the card writes nothing; each logged view is one row", () => {
    shopWithProducts(db);
    const customer = upsertCustomer({ db, phone: "010-1234-5678", name: "김단골", at: Date.now() });
    loadCustomerCard({ db, customerId: customer.id });
    loadCustomerCard({ db, customerId: customer.id });
    expect(rows(cardAccessLogs)).toBe(0);
    logCardView({ db, customerId: customer.id, userId: 1 });
    expect(db.select().from(cardAccessLogs).all()).toMatchObject([{ customerId: customer.id, userId: 1 }]);
    expect(() => logCardView({ db, customerId: customer.id + 99, userId: 1 })).toThrow(expect.objectContaining({ code: "not_found" }));
    expect(rows(cardAccessLogs)).toBe(1);
  });
});

describe("consent texts", () => {
  it("exist after migration, before any set-up", () => {
    expect(db.select({ kind: consentTexts.kind, version: consentTexts.version }).from(consentTexts).orderBy(consentTexts.id).all()).toEqual(
      [
        { kind: "privacy", version: 1 },
        { kind: "marketing", version: 1 },
        { kind: "consultation", version: 1 },
        { kind: "marketing_night", version: 1 },
      ],
    );
  });

  it("are only read by currentConsentText; ensureConsentTexts writes the missing ones", () => {
    db.delete(consentTexts).run();
    expect(() => currentConsentText({ db, kind: "privacy" })).toThrow();
    expect(rows(consentTexts)).toBe(0);
    ensureConsentTexts({ db });
    ensureConsentTexts({ db });
    expect(rows(consentTexts)).toBe(Object.keys(DEFAULT_CONSENT_TEXTS).length);
    expect(currentConsentText({ db, kind: "privacy" }).version).toBe(1);
  });
});
