/**
 * Malformed and hostile requests to `POST /api/v1/storefront/orders`: each gets a 4xx with
 * the error shape, never a 500 or a stack trace, and writes no order, customer or consent.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { addDays, localDate } from "@/lib/shop/time";
import { call, orderRowCounts } from "@/tests/helpers/api";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { POST as ordersPOST } from "@/app/api/v1/storefront/orders/route";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
const today = localDate(Date.now());
const tomorrow = addDays(today, 1);

// One database for the file: a refused request writes nothing, which each case checks.
beforeAll(() => {
  process.env.RATE_LIMIT_ORDERS_PER_MINUTE = "0";
  db = freshDb();
  shop = shopWithProducts(db);
  plan(db, tomorrow, shop.bread.id, 10);
  plan(db, tomorrow, shop.bagel.id, 10);
  plan(db, addDays(today, -1), shop.bagel.id, 10);
});

type Body = Record<string, unknown>;
const valid = (): Body => ({
  pickup_date: tomorrow,
  slot: "10:00-11:00",
  customer: { name: "김단골", phone: "010-1234-5678" },
  consent: { privacy: true },
  items: [{ product_id: shop.bagel.id, quantity: 1 }],
});
const withItem = (item: Body): Body => ({ ...valid(), items: [{ product_id: shop.bagel.id, quantity: 1, ...item }] });
const withCustomer = (customer: Body): Body => ({ ...valid(), customer: { name: "김단골", phone: "010-1234-5678", ...customer } });
const without = (key: string): Body => {
  const body = valid();
  delete body[key];
  return body;
};

type Case = {
  name: string;
  body?: (() => unknown) | undefined;
  raw?: string;
  headers?: Record<string, string>;
  status: number;
  code: string;
  field?: string;
};

const cases: Case[] = [
  // Not JSON, or not an order at all.
  { name: "invalid JSON", raw: '{"pickup_date": ', status: 400, code: "bad_request" },
  { name: "an empty body", raw: "", status: 400, code: "bad_request" },
  { name: "null", body: () => null, status: 400, code: "validation" },
  { name: "an array", body: () => [valid()], status: 400, code: "validation" },
  { name: "a string", body: () => "order please", status: 400, code: "validation" },
  { name: "deeply nested arrays", raw: "[".repeat(50_000) + "]".repeat(50_000), status: 400, code: "validation" },
  { name: "a 300 kB body", raw: JSON.stringify({ pickup_date: tomorrow, note: "가".repeat(100_000) }), status: 400, code: "bad_request" },
  { name: "text/plain", raw: JSON.stringify({}), headers: { "content-type": "text/plain" }, status: 415, code: "unsupported_media_type" },
  {
    name: "a form post",
    raw: "pickup_date=x",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    status: 415,
    code: "unsupported_media_type",
  },
  // Quantities.
  { name: "a negative quantity", body: () => withItem({ quantity: -1 }), status: 400, code: "validation", field: "items.0.quantity" },
  { name: "a zero quantity", body: () => withItem({ quantity: 0 }), status: 400, code: "validation", field: "items.0.quantity" },
  { name: "a fractional quantity", body: () => withItem({ quantity: 1.5 }), status: 400, code: "validation", field: "items.0.quantity" },
  { name: "a huge quantity", body: () => withItem({ quantity: 1e12 }), status: 400, code: "validation", field: "items.0.quantity" },
  {
    name: "a quantity past the per-order maximum",
    body: () => withItem({ quantity: 51 }),
    status: 400,
    code: "validation",
    field: "items",
  },
  { name: "a quantity as a boolean", body: () => withItem({ quantity: true }), status: 400, code: "validation", field: "items.0.quantity" },
  { name: "a quantity as an array", body: () => withItem({ quantity: [3] }), status: 400, code: "validation", field: "items.0.quantity" },
  { name: "a quantity of null", body: () => withItem({ quantity: null }), status: 400, code: "validation", field: "items.0.quantity" },
  { name: "a quantity of text", body: () => withItem({ quantity: "three" }), status: 400, code: "validation", field: "items.0.quantity" },
  // Products and options.
  {
    name: "an unknown product",
    body: () => withItem({ product_id: 999_999 }),
    status: 400,
    code: "validation",
    field: "items.0.product_id",
  },
  {
    name: "a product id beyond safe integers",
    body: () => withItem({ product_id: 1e20 }),
    status: 400,
    code: "validation",
    field: "items.0.product_id",
  },
  {
    name: "a product id as an object",
    body: () => withItem({ product_id: { $gt: 0 } }),
    status: 400,
    code: "validation",
    field: "items.0.product_id",
  },
  {
    name: "an option of another product",
    body: () => withItem({ options: [shop.options.sliced.id] }),
    status: 400,
    code: "validation",
    field: "items.0.options",
  },
  {
    name: "a missing required option",
    body: () => withItem({ product_id: shop.bread.id }),
    status: 400,
    code: "validation",
    field: "items.0.options",
  },
  {
    name: "two choices in one option group",
    body: () => withItem({ product_id: shop.bread.id, options: [shop.options.whole.id, shop.options.sliced.id] }),
    status: 400,
    code: "validation",
    field: "items.0.options",
  },
  {
    name: "an option id as text",
    body: () => withItem({ product_id: shop.bread.id, options: ["슬라이스"] }),
    status: 400,
    code: "validation",
    field: "items.0.options.0",
  },
  { name: "no items", body: () => ({ ...valid(), items: [] }), status: 400, code: "validation", field: "items" },
  { name: "items missing", body: () => without("items"), status: 400, code: "validation", field: "items" },
  {
    name: "items as an object",
    body: () => ({ ...valid(), items: { product_id: shop.bagel.id, quantity: 1 } }),
    status: 400,
    code: "validation",
    field: "items",
  },
  {
    name: "31 lines",
    body: () => ({ ...valid(), items: Array.from({ length: 31 }, () => ({ product_id: shop.bagel.id, quantity: 1 })) }),
    status: 400,
    code: "validation",
    field: "items",
  },
  // The customer.
  {
    name: "a 10 kB name",
    body: () => withCustomer({ name: "가".repeat(10_000) }),
    status: 400,
    code: "validation",
    field: "customer.name",
  },
  {
    name: "a <script> name",
    body: () => withCustomer({ name: "<script>alert(1)</script>" }),
    status: 400,
    code: "validation",
    field: "customer.name",
  },
  {
    name: "a name with a NUL byte",
    body: () => withCustomer({ name: "김\u0000단골" }),
    status: 400,
    code: "validation",
    field: "customer.name",
  },
  { name: "a blank name", body: () => withCustomer({ name: "   " }), status: 400, code: "validation", field: "customer.name" },
  { name: "a name as a number", body: () => withCustomer({ name: 42 }), status: 400, code: "validation", field: "customer.name" },
  { name: "a bad phone", body: () => withCustomer({ phone: "12345" }), status: 400, code: "validation", field: "customer.phone" },
  {
    name: "a <script> phone",
    body: () => withCustomer({ phone: "<script>alert(1)</script>" }),
    status: 400,
    code: "validation",
    field: "customer.phone",
  },
  {
    name: "a phone as a number",
    body: () => withCustomer({ phone: 1012345678 }),
    status: 400,
    code: "validation",
    field: "customer.phone",
  },
  { name: "no customer", body: () => without("customer"), status: 400, code: "validation", field: "customer" },
  { name: "a 10 kB note", body: () => ({ ...valid(), note: "x".repeat(10_000) }), status: 400, code: "validation", field: "note" },
  // Consent.
  { name: "missing consent", body: () => without("consent"), status: 400, code: "validation", field: "consent" },
  {
    name: "privacy consent refused",
    body: () => ({ ...valid(), consent: { privacy: false } }),
    status: 400,
    code: "validation",
    field: "consent.privacy",
  },
  {
    name: "privacy consent as text",
    body: () => ({ ...valid(), consent: { privacy: "true" } }),
    status: 400,
    code: "validation",
    field: "consent.privacy",
  },
  // Date and slot.
  { name: "a date in the past", body: () => ({ ...valid(), pickup_date: addDays(today, -1) }), status: 422, code: "cutoff_passed" },
  {
    name: "an impossible date",
    body: () => ({ ...valid(), pickup_date: "2026-13-01" }),
    status: 400,
    code: "validation",
    field: "pickup_date",
  },
  {
    name: "a date with a time",
    body: () => ({ ...valid(), pickup_date: `${tomorrow}T10:00:00Z` }),
    status: 400,
    code: "validation",
    field: "pickup_date",
  },
  { name: "no date", body: () => without("pickup_date"), status: 400, code: "validation", field: "pickup_date" },
  { name: "an unknown slot", body: () => ({ ...valid(), slot: "10:30-11:30" }), status: 400, code: "validation", field: "slot" },
  {
    name: "a slot that is not a slot",
    body: () => ({ ...valid(), slot: "'; drop table orders; --" }),
    status: 400,
    code: "validation",
    field: "slot",
  },
  // The idempotency key.
  {
    name: "an Idempotency-Key of 300 characters",
    body: valid,
    headers: { "Idempotency-Key": "k".repeat(300) },
    status: 400,
    code: "validation",
    field: "Idempotency-Key",
  },
  {
    name: "an Idempotency-Key with spaces",
    body: valid,
    headers: { "Idempotency-Key": "my key" },
    status: 400,
    code: "validation",
    field: "Idempotency-Key",
  },
];

describe("hostile input to POST /api/v1/storefront/orders", () => {
  it.each(cases)("refuses $name with $status $code and writes nothing", async ({ body, raw, headers, status, code, field }) => {
    const before = orderRowCounts(db);
    const res = await call(ordersPOST, { method: "POST", path: "/api/v1/storefront/orders", body: body?.(), rawBody: raw, headers });
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.body.error).toMatchObject({ code, message: expect.stringMatching(/\S/) });
    if (field) expect(Object.keys(res.body.error.fields ?? {})).toContain(field);
    expect(JSON.stringify(res.body)).not.toMatch(/at .+\.(ts|js):\d+|stack/i);
    expect(orderRowCounts(db)).toEqual(before);
    expect(before.orders + before.customers + before.consents).toBe(0);
  });

  // Last, since it writes: proves each refusal above is about its one change.
  it("accepts the valid body the cases start from", async () => {
    const res = await call(ordersPOST, { method: "POST", path: "/api/v1/storefront/orders", body: valid() });
    expect(res.status).toBe(201);
    expect(orderRowCounts(db)).toMatchObject({ orders: 1, customers: 1, consents: 2 });
  });
});
