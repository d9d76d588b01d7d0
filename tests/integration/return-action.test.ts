/**
 * The staff return form's action: the domain's field errors (`items.0.quantity`,
 * `given.1.product_id`) come back under the form's own inputs, and nothing is written.
 */
import { beforeAll, expect, it, vi } from "vitest";

vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next-intl/server", () => ({ getLocale: async () => "ko", getTranslations: async () => (key: string) => key }));
vi.mock("@/lib/auth/session", () => ({ requirePermission: async () => ({ id: 1, role: "owner" }) }));

import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { products, purchaseExchangeItems, purchaseReturns } from "@/db/schema";
import { errorText } from "@/lib/errors";
import { recordStoreSale } from "@/lib/sales/record-sale";
import { freshDb, shopWithProducts } from "@/tests/helpers/db";
import { recordReturnAction } from "@/app/(admin)/admin/returns/actions";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
let saleId: number;
let retired: number;

beforeAll(() => {
  db = freshDb();
  shop = shopWithProducts(db);
  saleId = recordStoreSale({
    db,
    source: "counter",
    input: { customer_phone: undefined, items: [{ product_id: shop.bagel.id, quantity: 2 }] },
  }).sale.id;
  retired = db.insert(products).values({ name: "단종 빵", price: 1000, active: false }).returning().get().id;
});

function exchangeForm(fields: Record<string, string>): FormData {
  const form = new FormData();
  form.set("sale_id", String(saleId));
  form.set("kind", "exchange");
  form.set("refund", "0");
  form.set("method", "exchange");
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
}

it("puts a refused handed-over line's sentence under that line's inputs", async () => {
  const state = await recordReturnAction(
    null,
    exchangeForm({
      [`qty_${shop.bagel.id}`]: "1",
      given_product_0: "",
      given_product_1: String(retired),
      given_qty_1: "1",
    }),
  );
  expect(state).toMatchObject({ ok: false });
  expect(state && !state.ok && state.fieldErrors).toEqual({ given_product_1: errorText("ko", "product_not_sold_field") });
  expect(db.select().from(purchaseReturns).all()).toEqual([]);
});

it("puts a quantity beyond the purchase under that product's input, and a bad handed-over quantity under its own", async () => {
  const more = await recordReturnAction(null, exchangeForm({ [`qty_${shop.bagel.id}`]: "3" }));
  expect(more && !more.ok && Object.keys(more.fieldErrors ?? {})).toEqual([`qty_${shop.bagel.id}`]);
  const zero = await recordReturnAction(
    null,
    exchangeForm({ [`qty_${shop.bagel.id}`]: "1", given_product_1: String(shop.bread.id), given_qty_1: "0" }),
  );
  expect(zero && !zero.ok && Object.keys(zero.fieldErrors ?? {})).toEqual(["given_qty_1"]);
  expect(db.select().from(purchaseReturns).all()).toEqual([]);
  expect(db.select().from(purchaseExchangeItems).where(eq(purchaseExchangeItems.productId, shop.bread.id)).all()).toEqual([]);
});
