/**
 * One numeric and one name/text policy for every entry point: the API, the storefront order,
 * the consultation form, the inquiry form, my page and the import all refuse the same things
 * with the same Korean words; bodies that are not JSON get 415.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { errorText, translateError, type AppError } from "@/lib/errors";
import type { Db } from "@/db/client";
import { orders, products, storeSales } from "@/db/schema";
import { POST as rackPOST } from "@/app/api/live/rack/route";
import { POST as salesPOST } from "@/app/api/v1/sales/route";
import { POST as ordersPOST } from "@/app/api/v1/storefront/orders/route";
import { createApiKey } from "@/lib/auth/api-keys";
import { seedConsultationTemplates } from "@/lib/consultations/demo-templates";
import { submitConsultation } from "@/lib/consultations/submissions";
import { getActiveTemplateBySlug } from "@/lib/consultations/templates";
import { correctName } from "@/lib/customer-record/privacy";
import { importOrdersCsv } from "@/lib/import/import-orders";
import { createInquiry, inquiryFormSchema, MAX_INQUIRY_LENGTH } from "@/lib/inquiries/inquiries";
import { orderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";
import { addDays, localDate } from "@/lib/shop/time";
import { nameProblem } from "@/lib/validation/text";
import { call } from "@/tests/helpers/api";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
let key: string;
const today = localDate(Date.now());
const tomorrow = addDays(today, 1);

beforeEach(() => {
  process.env.RATE_LIMIT_ORDERS_PER_MINUTE = "0";
  db = freshDb();
  shop = shopWithProducts(db);
  seedConsultationTemplates({ db });
  plan(db, today, shop.bagel.id, 50);
  plan(db, tomorrow, shop.bagel.id, 50);
  key = createApiKey({ db, name: "pos", scope: "owner" }).key;
});

const auth = () => ({ authorization: `Bearer ${key}` });

describe("numbers", () => {
  it.each([
    ["true", true],
    ["an array", [1]],
    ["a fraction", 1.5],
    ["null", null],
    ["an empty string", ""],
  ])("POST /api/v1/sales refuses a quantity that is %s", async (_, quantity) => {
    const res = await call(salesPOST, {
      method: "POST",
      path: "/api/v1/sales",
      headers: auth(),
      body: { items: [{ product_id: shop.bagel.id, quantity }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields["items.0.quantity"]).toBeTruthy();
    expect(db.select().from(storeSales).all()).toHaveLength(0);
  });

  it("POST /api/v1/sales still takes a number, and digits as a form sends them", async () => {
    const res = await call(salesPOST, {
      method: "POST",
      path: "/api/v1/sales",
      headers: auth(),
      body: { items: [{ product_id: String(shop.bagel.id), quantity: "2" }] },
    });
    expect(res.status).toBe(201);
    expect(res.body.sale.items[0].quantity).toBe(2);
  });

  it("POST /api/live/rack refuses an order id that is true", async () => {
    const res = await call(rackPOST, { method: "POST", path: "/api/live/rack", headers: auth(), body: { order_id: true, to: "ready" } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.order_id).toBeTruthy();
  });
});

describe("bodies that are not JSON", () => {
  it.each([
    ["POST /api/v1/sales", salesPOST, "/api/v1/sales"],
    ["POST /api/live/rack", rackPOST, "/api/live/rack"],
  ] as const)("%s answers 415 to text/plain", async (_, handler, path) => {
    const res = await call(handler, {
      method: "POST",
      path,
      headers: { ...auth(), "content-type": "text/plain" },
      rawBody: JSON.stringify({ items: [{ product_id: 1, quantity: 1 }] }),
    });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe("unsupported_media_type");
  });
});

describe("names", () => {
  const badNames: [string, string][] = [
    ["a line break", "김단골\r\n관리자"],
    ["a NUL byte", "김\u0000단골"],
    ["only zero-width characters", "\u200b\u200c\u200d"],
    ["a right-to-left override", "\u202e골단김"],
    ["markup", "<script>alert(1)</script>"],
    ["41 characters", "가".repeat(41)],
  ];

  it.each(badNames)("the storefront order API refuses a name with %s", async (_, name) => {
    const res = await call(ordersPOST, {
      method: "POST",
      path: "/api/v1/storefront/orders",
      body: {
        pickup_date: tomorrow,
        slot: "10:00-11:00",
        customer: { name, phone: "010-1234-5678" },
        consent: { privacy: true },
        items: [{ product_id: shop.bagel.id, quantity: 1 }],
      },
    });
    expect(res.status).toBe(400);
    const problem = nameProblem(name.normalize("NFC").trim())!;
    expect(res.body.error.fields["customer.name"]).toBe(errorText("ko", problem.code, problem.params));
    expect(db.select().from(orders).all()).toHaveLength(0);
  });

  it.each(badNames)("the inquiry form refuses a name with %s, with the same words", (_, name) => {
    expect(() => createInquiry({ db, input: { name, phone: "010-1234-5678", message: "문의", privacy: true } })).toThrow(
      expect.objectContaining({ fields: expect.objectContaining({ name: nameProblem(name.normalize("NFC").trim()) }) }),
    );
  });

  it.each(badNames)("the consultation form refuses a name with %s", (_, name) => {
    const template = getActiveTemplateBySlug({ db, slug: "bread-taste" })!;
    expect(() =>
      submitConsultation({
        db,
        slug: "bread-taste",
        input: {
          templateVersionId: template.version.id,
          name,
          phone: "010-1234-5678",
          consent: true,
          rawAnswers: { favourites: ["케이크"], sweetness: "3", texture: "쫄깃한" },
        },
      }),
    ).toThrow(expect.objectContaining({ fields: expect.objectContaining({ name: nameProblem(name.normalize("NFC").trim()) }) }));
  });

  it.each(badNames)("my page refuses to correct the name to one with %s", (_, name) => {
    const { order } = placeOrder({
      db,
      channel: "web",
      input: orderInput.parse({
        pickup_date: tomorrow,
        slot: "10:00-11:00",
        customer: { name: "김단골", phone: "010-1234-5678" },
        consent: { privacy: true },
        items: [{ product_id: shop.bagel.id, quantity: 1 }],
      }),
    });
    const token = db.$client.prepare("select token from customers where id = ?").get(order.customerId) as { token: string };
    expect(() => correctName({ db, token: token.token, name })).toThrow(expect.objectContaining({ code: "validation" }));
  });

  it("a Korean name with a space, or a Latin name, is fine", () => {
    expect(nameProblem("김 단골")).toBeNull();
    expect(nameProblem("Jane O'Neil")).toBeNull();
  });
});

describe("the inquiry limit", () => {
  it("is one limit, 2,000 characters, with a Korean message, from the form schema to the rule", () => {
    const long = "가".repeat(MAX_INQUIRY_LENGTH + 1);
    // The form schema lets it through to the rule (no second, English, limit at 10,000).
    const form = inquiryFormSchema.safeParse({ name: "김단골", phone: "010-1234-5678", message: "가".repeat(10_001), privacy: "on" });
    expect(form.success).toBe(true);
    let refused: unknown;
    try {
      createInquiry({ db, input: { name: "김단골", phone: "010-1234-5678", message: long, privacy: true } });
    } catch (e) {
      refused = e;
    }
    expect(translateError(refused as AppError, "ko").fields).toEqual({ message: "문의는 2,000자까지 적을 수 있어요." });
    expect(
      createInquiry({ db, input: { name: "김단골", phone: "010-1234-5678", message: "가".repeat(MAX_INQUIRY_LENGTH), privacy: true } })
        .inquiry.message,
    ).toHaveLength(MAX_INQUIRY_LENGTH);
  });
});

describe("the import", () => {
  const header =
    "external_id,channel,customer_phone,customer_name,placed_at,pickup_date,status,arrived_at,completed_at,total,points_earned,items";
  it("refuses NUL bytes in product names, names with line breaks and absurd points, row by row", async () => {
    const csv = [
      header,
      `a1,store,,,,,picked_up,,2026-01-05T10:00:00+09:00,3500,,"바게\u0000트 x 1"`,
      `a2,store,010-1234-5678,"김단골\n관리자",,,picked_up,,2026-01-05T10:00:00+09:00,3500,,베이글 x 1`,
      `a3,store,010-1234-5678,김단골,,,picked_up,,2026-01-05T10:00:00+09:00,3500,${2 ** 53 - 1},베이글 x 1`,
      `a4,store,010-1234-5678,김단골,,,picked_up,,2026-01-05T10:00:00+09:00,3500,35,베이글 x 1`,
    ].join("\n");
    const report = await importOrdersCsv({ db, csv });
    expect(report.results.map((r) => r.result)).toEqual(["error", "error", "error", "imported"]);
    expect(report.results[0].messages.join(" ")).toContain("items:");
    expect(report.results[1].messages.join(" ")).toContain("줄바꿈");
    expect(report.results[2].messages.join(" ")).toContain("1,000,000");
    expect(
      db
        .select({ name: products.name })
        .from(products)
        .all()
        .map((p) => p.name),
    ).not.toContain("바게\u0000트");
  });
});
