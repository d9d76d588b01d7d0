import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outbox, shopSettings } from "@/db/schema";
import { recordConsent } from "@/lib/customers/consent";
import { upsertCustomer } from "@/lib/customers/customers";
import { freshDb, shopWithProducts } from "@/tests/helpers/db";
import { isNight, nextMorning, optOutToken, verifyOptOutToken, withdrawMarketingByLink } from "./advertising";
import { enqueueMessage } from "./outbox";
import { deliverDue } from "./worker";

let db: Db;
let customerId: number;
// 2026-12-01 14:00 in Seoul (UTC+9).
const AFTERNOON = Date.parse("2026-12-01T05:00:00Z");
const NIGHT = Date.parse("2026-12-01T13:30:00Z"); // 22:30 shop time
const NEXT_MORNING = Date.parse("2026-12-01T23:00:00Z"); // 08:00 the next day
const YEAR = 365 * 24 * 60 * 60_000;

beforeEach(() => {
  db = freshDb();
  shopWithProducts(db);
  db.update(shopSettings).set({ phone: "02-123-4567" }).run();
  customerId = upsertCustomer({ db, phone: "01012345678", name: "김단골", at: AFTERNOON - YEAR }).id;
});

const consent = (kind: "marketing" | "marketing_night", granted: boolean, at: number) =>
  recordConsent({ db, customerId, kind, granted, source: "storefront", at });

const restock = (now: number, purpose: "marketing" | "transactional" = "marketing") =>
  enqueueMessage({
    tx: db,
    now,
    to: { customerId, phone: "01012345678" },
    template: "restock_available",
    params: { product: "우유식빵", url: "http://localhost:3000/" },
    purpose,
  });

const rows = () => db.select().from(outbox).all();

describe("advertising rules (정보통신망법 제50조)", () => {
  it("sends no marketing without recorded consent, and none after a refusal", () => {
    expect(restock(AFTERNOON)).toBeNull();
    consent("marketing", false, AFTERNOON - 1000);
    expect(restock(AFTERNOON)).toBeNull();
    expect(rows()).toHaveLength(0);
  });

  it("the latest consent row decides: granted then withdrawn is no consent", () => {
    consent("marketing", true, AFTERNOON - 2000);
    consent("marketing", false, AFTERNOON - 1000);
    expect(restock(AFTERNOON)).toBeNull();
  });

  it("transactional messages need no marketing consent", () => {
    expect(restock(AFTERNOON, "transactional")).not.toBeNull();
  });

  it("starts with (광고) and the shop name, carries the shop contact and a working opt-out link", async () => {
    consent("marketing", true, AFTERNOON - 1000);
    const id = restock(AFTERNOON)!;
    await deliverDue({ db, now: () => AFTERNOON });
    const row = db.select().from(outbox).where(eq(outbox.id, id)).get()!;
    expect(row.status).toBe("delivered");
    const lines = row.body!.split("\n");
    expect(lines[0]).toBe("(광고) 테스트 빵집");
    expect(row.body).toContain("우유식빵");
    expect(row.body).toContain("문의 02-123-4567");
    const link = /무료 수신거부 (\S+)/.exec(row.body!)![1];
    const token = link.split("/u/")[1];
    expect(verifyOptOutToken(token)).toBe(customerId);
    // One tap: the link withdraws consent, and the next advertisement is not sent.
    expect(withdrawMarketingByLink({ db, token, now: AFTERNOON + 1000 })).toBe(true);
    expect(restock(AFTERNOON + 2000)).toBeNull();
  });

  it("opting out cancels marketing still waiting; a forged link changes nothing", () => {
    consent("marketing", true, AFTERNOON - 1000);
    const id = restock(NIGHT)!; // held until morning
    expect(withdrawMarketingByLink({ db, token: `${customerId}.AAAAAAAAAAAAAAAAAAAAAA`, now: NIGHT })).toBe(false);
    expect(db.select().from(outbox).where(eq(outbox.id, id)).get()!.status).toBe("queued");
    expect(withdrawMarketingByLink({ db, token: optOutToken(customerId), now: NIGHT })).toBe(true);
    expect(db.select().from(outbox).where(eq(outbox.id, id)).get()!.status).toBe("cancelled");
  });

  it("holds night-time marketing until 08:00 shop time, and sends it then", async () => {
    consent("marketing", true, AFTERNOON - 1000);
    const id = restock(NIGHT)!;
    expect(db.select().from(outbox).where(eq(outbox.id, id)).get()!.nextAttemptAt).toBe(NEXT_MORNING);
    await deliverDue({ db, now: () => NIGHT + 60_000 });
    expect(db.select().from(outbox).where(eq(outbox.id, id)).get()!.status).toBe("queued");
    await deliverDue({ db, now: () => NEXT_MORNING });
    expect(db.select().from(outbox).where(eq(outbox.id, id)).get()!.status).toBe("delivered");
  });

  it("a retry that falls at night is held too, without spending a try", async () => {
    consent("marketing", true, AFTERNOON - 1000);
    const id = restock(AFTERNOON)!;
    await deliverDue({ db, now: () => NIGHT });
    const row = db.select().from(outbox).where(eq(outbox.id, id)).get()!;
    expect(row).toMatchObject({ status: "queued", nextAttemptAt: NEXT_MORNING, attempts: 0 });
  });

  it("sends at night with the separate night consent", () => {
    consent("marketing", true, AFTERNOON - 1000);
    consent("marketing_night", true, AFTERNOON - 1000);
    const id = restock(NIGHT)!;
    expect(db.select().from(outbox).where(eq(outbox.id, id)).get()!.nextAttemptAt).toBe(NIGHT);
  });

  it("does not use consent older than two years: nothing sent, flagged for re-confirmation", () => {
    consent("marketing", true, AFTERNOON - 2 * YEAR - 24 * 60 * 60_000);
    expect(restock(AFTERNOON)).toBeNull();
    const [row] = rows();
    expect(row.status).toBe("cancelled");
    expect(row.lastError).toMatch(/2년/);
    // Re-confirmed: sent again.
    consent("marketing", true, AFTERNOON - 1000);
    expect(restock(AFTERNOON + 1)).not.toBeNull();
  });

  it("knows the night window in shop time", () => {
    expect(isNight(Date.parse("2026-12-01T11:59:00Z"), "Asia/Seoul")).toBe(false); // 20:59
    expect(isNight(Date.parse("2026-12-01T12:00:00Z"), "Asia/Seoul")).toBe(true); // 21:00
    expect(isNight(Date.parse("2026-12-01T22:59:00Z"), "Asia/Seoul")).toBe(true); // 07:59
    expect(isNight(Date.parse("2026-12-01T23:00:00Z"), "Asia/Seoul")).toBe(false); // 08:00
    expect(nextMorning(Date.parse("2026-12-01T18:00:00Z"), "Asia/Seoul")).toBe(NEXT_MORNING); // 03:00 → same day 08:00
  });
});
