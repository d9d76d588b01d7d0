/**
 * The customer's own data: a token opens only its owner's data, and deletion leaves the
 * phone number nowhere in the SQLite file (main file and -wal, searched byte by byte).
 */
import fs from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { consultationSubmissions, customers, inquiries, orders, visits } from "@/db/schema";
import { seedConsultationTemplates } from "@/lib/consultations/demo-templates";
import { submissionHistories, submitConsultation } from "@/lib/consultations/submissions";
import { getActiveTemplateBySlug } from "@/lib/consultations/templates";
import { addVisit } from "@/lib/consultations/visits";
import { marketingConsent } from "@/lib/customers/consent";
import { customerForToken, deleteCustomer, exportMyData, loadMyData } from "@/lib/customer-record/privacy";
import { createInquiry, replyToInquiry } from "@/lib/inquiries/inquiries";
import { orderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";
import { changeOrderStatus } from "@/lib/orders/status";
import { submitReview } from "@/lib/reviews/reviews";
import { recordStoreSale, saleInput } from "@/lib/sales/record-sale";
import { addDays, localDate } from "@/lib/shop/time";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
const today = localDate(Date.now());
const tomorrow = addDays(today, 1);

beforeEach(() => {
  db = freshDb();
  shop = shopWithProducts(db);
  seedConsultationTemplates({ db });
  plan(db, today, shop.bagel.id, 50);
  plan(db, tomorrow, shop.bagel.id, 50);
});

/** A customer with data in every place a phone number or name can land. */
function fullCustomer(name: string, phone: string, dashed: string) {
  const { order } = placeOrder({
    db,
    channel: "web",
    idempotencyKey: `key-${dashed.slice(-2)}`,
    input: orderInput.parse({
      pickup_date: tomorrow,
      slot: "10:00-11:00",
      customer: { name, phone: dashed },
      consent: { privacy: true, marketing: true },
      items: [{ product_id: shop.bagel.id, quantity: 2 }],
      note: `도착하면 ${dashed}로 전화 주세요`,
    }),
  });
  changeOrderStatus({ db, orderId: order.id, to: "picked_up", actor: { type: "system" } });
  submitReview({ db, orderToken: order.token, input: { rating: 5, comment: `${name} 최고` } });
  recordStoreSale({
    db,
    input: saleInput.parse({
      customer_phone: phone,
      external_id: `pos-${dashed.slice(-2)}`,
      items: [{ product_id: shop.bagel.id, quantity: 1 }],
    }),
    source: "api",
  });
  const allergy = getActiveTemplateBySlug({ db, slug: "allergy" })!;
  const sub = submitConsultation({
    db,
    slug: "allergy",
    input: {
      templateVersionId: allergy.version.id,
      name,
      phone,
      consent: true,
      rawAnswers: { has_allergy: "yes", allergens: ["땅콩"], allergy_detail: `${name}입니다, 연락처 ${phone} ${dashed}`, diet: "비건" },
    },
  });
  const customerId = sub.customerId;
  addVisit({
    db,
    customerId,
    userId: 1,
    input: {
      done: "알레르기 확인",
      notes: `${name} 님 번호 ${dashed}`,
      shared: true,
      recommendations: [{ productId: shop.bagel.id, quantity: 2 }],
    },
  });
  const { inquiry } = createInquiry({ db, input: { name, phone: dashed, message: `${phone} 로 연락 부탁드려요`, privacy: true } });
  replyToInquiry({ db, inquiryId: inquiry.id, userId: 1, body: `${name}님 ${dashed}로 연락드릴게요` });
  const token = db.select({ token: customers.token }).from(customers).where(eq(customers.id, customerId)).get()!.token;
  return { customerId, token, orderId: order.id };
}

function fileBytes(): Buffer {
  const file = process.env.DATABASE_PATH!;
  const parts = [fs.readFileSync(file)];
  if (fs.existsSync(`${file}-wal`)) parts.push(fs.readFileSync(`${file}-wal`));
  return Buffer.concat(parts);
}

describe("a customer token", () => {
  it("opens only its own data", () => {
    const a = fullCustomer("김단골", "01012345678", "010-1234-5678");
    const b = fullCustomer("이손님", "01098765432", "010-9876-5432");
    const mine = loadMyData({ db, token: a.token });
    const text = JSON.stringify(mine);
    expect(mine.profile).toMatchObject({ name: "김단골", phone: "01012345678" });
    expect(text).not.toContain("이손님");
    expect(text).not.toContain("9876");
    expect(mine.purchases.map((p) => p.channel).sort()).toEqual(["store", "web"]);
    expect(mine.submissions).toHaveLength(1);
    expect(mine.inquiries).toHaveLength(1);
    expect(mine.inquiries[0].replies[0].body).toContain("김단골님");
    expect(mine.cart).toBe(`${shop.bagel.id}x2`);
    expect(JSON.stringify(loadMyData({ db, token: b.token }))).not.toContain("김단골");
    // Not a token, a made-up one, or a phone number: nothing.
    for (const bad of ["", "01012345678", "x".repeat(24), a.token.slice(0, -1) + (a.token.endsWith("A") ? "B" : "A")]) {
      expect(() => loadMyData({ db, token: bad })).toThrow(expect.objectContaining({ code: "not_found" }));
    }
  });
});

describe("my data download and consultation history", () => {
  it("writes every time as ISO 8601 with the shop's offset, never epoch milliseconds", () => {
    const a = fullCustomer("김단골", "01012345678", "010-1234-5678");
    const text = JSON.stringify(exportMyData({ db, token: a.token }));
    const data = JSON.parse(text);
    expect(data.profile.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$/);
    expect(data.submissions[0].submittedAt).toMatch(/\+09:00$/);
    expect(data.purchases[0].at).toMatch(/\+09:00$/);
    expect(data.inquiries[0].replies[0].createdAt).toMatch(/\+09:00$/);
    expect(text.match(/\b1\d{12}\b/g)).toBeNull();
  });

  it("keeps a re-submitted form's earlier answers, newest first", () => {
    const a = fullCustomer("김단골", "01012345678", "010-1234-5678");
    const allergy = getActiveTemplateBySlug({ db, slug: "allergy" })!;
    const later = Date.now() + 60_000;
    submitConsultation({
      db,
      slug: "allergy",
      input: {
        templateVersionId: allergy.version.id,
        token: a.token,
        consent: true,
        rawAnswers: { has_allergy: "yes", allergens: ["땅콩", "우유"], diet: "비건" },
      },
      now: later,
    });
    const mine = loadMyData({ db, token: a.token });
    const [history] = submissionHistories(mine.submissions);
    expect(history.map((s) => s.answers.allergens)).toEqual([["우유", "땅콩"], ["땅콩"]]);
    expect(history[0].submittedAt).toBe(later);
    const exported = exportMyData({ db, token: a.token }) as { submissions: { answers: { allergens: string[] } }[] };
    expect(exported.submissions.map((s) => s.answers.allergens)).toEqual([["우유", "땅콩"], ["땅콩"]]);
  });
});

describe("deleting my data", () => {
  it("erases name, phone, answers and notes, keeps the orders, and leaves the phone nowhere in the file", () => {
    const a = fullCustomer("김단골", "01012345678", "010-1234-5678");
    const b = fullCustomer("이손님", "01098765432", "010-9876-5432");
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    // The search can fail: before deletion the number is there.
    expect(fileBytes().includes("01012345678")).toBe(true);
    expect(fileBytes().includes("010-1234-5678")).toBe(true);

    const ordersBefore = db.select().from(orders).all().length;
    const { walCheckpointed } = deleteCustomer({ db, token: a.token });
    expect(walCheckpointed).toBe(true);

    const bytes = fileBytes();
    for (const needle of ["01012345678", "010-1234-5678", "1234-5678", "김단골"]) {
      expect(bytes.includes(Buffer.from(needle, "utf8")), `"${needle}" still in the database file`).toBe(false);
    }
    // The other customer is untouched.
    expect(bytes.includes("01098765432")).toBe(true);

    const row = db.select().from(customers).where(eq(customers.id, a.customerId)).get()!;
    expect(row).toMatchObject({ name: null, phone: null });
    expect(marketingConsent({ db, customerId: a.customerId })).toBe(false);
    expect(row.deletedAt).toBeTypeOf("number");
    expect(row.token).not.toBe(a.token);
    expect(db.select().from(orders).all()).toHaveLength(ordersBefore);
    expect(db.select().from(orders).where(eq(orders.id, a.orderId)).get()).toMatchObject({
      status: "picked_up",
      note: "",
      requestHash: null,
    });
    expect(db.select().from(consultationSubmissions).where(eq(consultationSubmissions.customerId, a.customerId)).all()).toEqual([]);
    expect(db.select().from(visits).where(eq(visits.customerId, a.customerId)).all()).toEqual([]);
    expect(
      db
        .select()
        .from(inquiries)
        .where(eq(inquiries.customerId, a.customerId))
        .all()
        .map((i) => i.message),
    ).toEqual([""]);
    // The old link is dead.
    expect(() => customerForToken({ db, token: a.token })).toThrow(expect.objectContaining({ code: "not_found" }));
    void b;
  });
});
