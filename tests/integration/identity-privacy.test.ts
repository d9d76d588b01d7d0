/**
 * A typed phone number is a claim, not a proof: an order page or answer shows only what its
 * requester typed; a consultation form sent with someone else's number changes nothing of
 * theirs until confirmed; the consent log alone decides marketing consent.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { consultationSubmissions, customers } from "@/db/schema";
import { GET as getOrderRoute } from "@/app/api/v1/storefront/orders/[token]/route";
import { seedConsultationTemplates } from "@/lib/consultations/demo-templates";
import { confirmSubmission, submitConsultation } from "@/lib/consultations/submissions";
import { getActiveTemplateBySlug } from "@/lib/consultations/templates";
import { loadCustomerCard } from "@/lib/customer-record/card";
import { marketingConsent } from "@/lib/customers/consent";
import { loadMyData, withdrawMarketing } from "@/lib/customer-record/privacy";
import { orderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";
import { customerOrderView } from "@/lib/storefront/order-view";
import { addDays, localDate } from "@/lib/shop/time";
import { call } from "@/tests/helpers/api";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
const tomorrow = addDays(localDate(Date.now()), 1);

beforeEach(() => {
  db = freshDb();
  shop = shopWithProducts(db);
  seedConsultationTemplates({ db });
  plan(db, tomorrow, shop.bagel.id, 50);
});

function order(name: string, phone: string, marketing = false) {
  return placeOrder({
    db,
    channel: "web",
    input: orderInput.parse({
      pickup_date: tomorrow,
      slot: "10:00-11:00",
      customer: { name, phone },
      consent: { privacy: true, marketing },
      items: [{ product_id: shop.bagel.id, quantity: 1 }],
    }),
  }).order;
}

function consult({
  name,
  phone,
  token,
  marketing = false,
  wish = "촉촉하게",
}: {
  name?: string;
  phone?: string;
  token?: string;
  marketing?: boolean;
  wish?: string;
}) {
  const template = getActiveTemplateBySlug({ db, slug: "bread-taste" })!;
  return submitConsultation({
    db,
    slug: "bread-taste",
    input: {
      templateVersionId: template.version.id,
      token,
      name,
      phone,
      consent: true,
      marketing,
      rawAnswers: { favourites: ["케이크"], sweetness: "3", texture: "쫄깃한", notes: wish },
    },
  });
}

const customerByPhone = (phone: string) => db.select().from(customers).where(eq(customers.phone, phone)).get()!;

describe("an order placed with someone else's phone number", () => {
  it("shows on its page and in the API only the name typed on that order", async () => {
    order("김단골", "010-1234-5678");
    const stranger = order("낯선사람", "010-1234-5678");
    expect(customerOrderView({ db, token: stranger.token })!.customerName).toBe("낯선사람");
    const api = await call(getOrderRoute, { path: `/api/v1/storefront/orders/${stranger.token}`, params: { token: stranger.token } });
    expect(api.status).toBe(200);
    expect(api.body.order.customer).toEqual({ name: "낯선사람" });
    expect(JSON.stringify(api.body)).not.toContain("김단골");
    // The stored customer keeps their own name.
    expect(customerByPhone("01012345678").name).toBe("김단골");
  });

  it("does not opt the number's owner in or out of marketing", () => {
    order("김단골", "010-1234-5678", true);
    const owner = customerByPhone("01012345678");
    expect(marketingConsent({ db, customerId: owner.id })).toBe(true);
    order("낯선사람", "010-1234-5678", false);
    expect(marketingConsent({ db, customerId: owner.id })).toBe(true);
  });
});

describe("a consultation form sent with an existing customer's phone and no private link", () => {
  it("changes no consent, name or profile, and is kept as a not confirmed submission", () => {
    order("김단골", "010-1234-5678", false);
    const owner = customerByPhone("01012345678");
    const result = consult({ name: "낯선사람", phone: "010-1234-5678", marketing: true, wish: "낯선 사람의 답" });
    expect(result.token).toBeNull();
    expect(customerByPhone("01012345678").name).toBe("김단골");
    expect(marketingConsent({ db, customerId: owner.id })).toBe(false);
    const card = loadCustomerCard({ db, customerId: owner.id });
    expect(card.customer.marketingConsent).toBe(false);
    expect(card.consents.filter((c) => c.kind === "consultation" || (c.kind === "marketing" && c.granted))).toEqual([]);
    expect(card.answers).toHaveLength(1);
    expect(card.answers[0]).toMatchObject({ confirmed: false, claimedName: "낯선사람" });
  });

  it("counts once staff confirm it in person: the ticked marketing consent is logged then", () => {
    order("김단골", "010-1234-5678");
    const owner = customerByPhone("01012345678");
    const { submissionId } = consult({ name: "김단골", phone: "010-1234-5678", marketing: true });
    confirmSubmission({ db, submissionId, by: { userId: 1 } });
    const card = loadCustomerCard({ db, customerId: owner.id });
    expect(card.answers[0].confirmed).toBe(true);
    expect(card.customer.marketingConsent).toBe(true);
    expect(card.consents.find((c) => c.kind === "marketing")).toMatchObject({ granted: true, source: "staff" });
  });

  it("can be confirmed by the customer from their private link, and only by them", () => {
    order("김단골", "010-1234-5678");
    order("이손님", "010-9876-5432");
    const owner = customerByPhone("01012345678");
    const other = customerByPhone("01098765432");
    const { submissionId } = consult({ name: "김단골", phone: "010-1234-5678" });
    expect(() => confirmSubmission({ db, submissionId, by: { token: other.token } })).toThrow(
      expect.objectContaining({ code: "not_found" }),
    );
    expect(db.select().from(consultationSubmissions).get()!.confirmed).toBe(false);
    confirmSubmission({ db, submissionId, by: { token: owner.token } });
    expect(loadMyData({ db, token: owner.token }).submissions[0].confirmed).toBe(true);
  });

  it("from the private link counts at once", () => {
    order("김단골", "010-1234-5678");
    const owner = customerByPhone("01012345678");
    consult({ token: owner.token, marketing: true });
    const card = loadCustomerCard({ db, customerId: owner.id });
    expect(card.answers[0].confirmed).toBe(true);
    expect(card.customer.marketingConsent).toBe(true);
  });
});

describe("marketing consent", () => {
  it("is what the consent log says: an order's opt-in shows on my page and the card, and can be withdrawn", () => {
    const o = order("김단골", "010-1234-5678", true);
    const owner = customerByPhone("01012345678");
    expect(o.customerId).toBe(owner.id);
    expect(loadMyData({ db, token: owner.token }).profile.marketingConsent).toBe(true);
    expect(loadCustomerCard({ db, customerId: owner.id }).customer.marketingConsent).toBe(true);
    withdrawMarketing({ db, token: owner.token });
    expect(loadMyData({ db, token: owner.token }).profile.marketingConsent).toBe(false);
    expect(loadCustomerCard({ db, customerId: owner.id }).customer.marketingConsent).toBe(false);
  });

  it("is not a column of customers any more", () => {
    const columns = (db.$client.prepare("pragma table_info(customers)").all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain("marketing_consent");
  });
});
