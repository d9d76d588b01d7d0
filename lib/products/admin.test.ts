import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { productOptionChoices, productOptionGroups, products } from "@/db/schema";
import { freshDb, shopWithProducts } from "@/tests/helpers/db";
import { createProduct, getProductForAdmin, setProductActive, updateProduct } from "./admin";
import { listProductsWithOptions } from "./catalogue";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;

beforeEach(() => {
  db = freshDb();
  shop = shopWithProducts(db);
});

const base = { name: "원두 200g", description: "에티오피아", price: "14000", category: "원두", maxPerOrder: "5", sortOrder: "3" };

describe("product editing", () => {
  it("creates a product with an option group and coerces form numbers", () => {
    const p = createProduct({
      db,
      input: {
        ...base,
        optionGroups: [
          {
            name: "분쇄도",
            required: true,
            choices: [
              { name: "홀빈", priceDelta: 0 },
              { name: "에스프레소", priceDelta: "500" },
            ],
          },
        ],
      },
    });
    expect(p).toMatchObject({ name: "원두 200g", price: 14000, maxPerOrder: 5, category: "원두", active: true });
    expect(p.optionGroups).toEqual([
      {
        id: expect.any(Number),
        name: "분쇄도",
        required: true,
        choices: [
          expect.objectContaining({ name: "홀빈", priceDelta: 0 }),
          expect.objectContaining({ name: "에스프레소", priceDelta: 500 }),
        ],
      },
    ]);
  });

  it("edits, adds and removes option groups and choices in one save", () => {
    const bread = getProductForAdmin({ db, id: shop.bread.id });
    const group = bread.optionGroups[0];
    const [whole] = group.choices;
    const updated = updateProduct({
      db,
      id: bread.id,
      input: {
        ...base,
        name: "우유식빵",
        price: 5200,
        optionGroups: [
          // rename the group, keep "통으로" with a new delta, drop "슬라이스", add "얇게"
          {
            id: group.id,
            name: "슬라이스 여부",
            required: false,
            choices: [
              { id: whole.id, name: "통으로", priceDelta: 0 },
              { name: "얇게", priceDelta: 300 },
            ],
          },
          { name: "포장", required: true, choices: [{ name: "봉투", priceDelta: 0 }] },
        ],
      },
    });
    expect(updated.price).toBe(5200);
    expect(updated.optionGroups.map((g) => [g.name, g.required, g.choices.map((c) => `${c.name}:${c.priceDelta}`)])).toEqual([
      ["슬라이스 여부", false, ["통으로:0", "얇게:300"]],
      ["포장", true, ["봉투:0"]],
    ]);
    expect(updated.optionGroups[0].id).toBe(group.id);
    expect(updated.optionGroups[0].choices[0].id).toBe(whole.id);
    expect(db.select().from(productOptionChoices).where(eq(productOptionChoices.id, shop.options.sliced.id)).get()).toBeUndefined();

    // Removing every group leaves none behind.
    updateProduct({ db, id: bread.id, input: { ...base, optionGroups: [] } });
    expect(db.select().from(productOptionGroups).where(eq(productOptionGroups.productId, bread.id)).all()).toHaveLength(0);
  });

  it("refuses bad input with Korean messages and leaves the product as it was", () => {
    expect(() => updateProduct({ db, id: shop.bread.id, input: { ...base, name: "", price: "-1" } })).toThrowError(
      /상품 이름을 적어 주세요/,
    );
    expect(() => updateProduct({ db, id: shop.bread.id, input: { ...base, price: "abc" } })).toThrowError(/숫자로 적어 주세요/);
    expect(() =>
      updateProduct({ db, id: shop.bread.id, input: { ...base, optionGroups: [{ name: "크기", required: true, choices: [] }] } }),
    ).toThrowError(/선택지를 하나 이상/);
    expect(() =>
      updateProduct({
        db,
        id: shop.bread.id,
        input: {
          ...base,
          price: 1000,
          optionGroups: [{ name: "할인", required: false, choices: [{ name: "큰 할인", priceDelta: -2000 }] }],
        },
      }),
    ).toThrowError(/0원보다 작아져요/);
    const bread = listProductsWithOptions({ db, ids: [shop.bread.id] })[0];
    expect(bread.name).toBe("우유식빵");
    expect(bread.optionGroups[0].choices).toHaveLength(2);
  });

  it("refuses option ids from another product", () => {
    const other = createProduct({
      db,
      input: { ...base, optionGroups: [{ name: "분쇄도", required: true, choices: [{ name: "홀빈", priceDelta: 0 }] }] },
    });
    expect(() =>
      updateProduct({
        db,
        id: shop.bread.id,
        input: {
          ...base,
          optionGroups: [{ id: other.optionGroups[0].id, name: "가로채기", required: true, choices: [{ name: "x", priceDelta: 0 }] }],
        },
      }),
    ).toThrowError(/이 상품의 옵션이 아니에요/);
    expect(getProductForAdmin({ db, id: other.id }).optionGroups[0].name).toBe("분쇄도");
  });

  it("deactivates and reactivates", () => {
    setProductActive({ db, id: shop.bagel.id, active: false });
    expect(listProductsWithOptions({ db, activeOnly: true }).map((p) => p.id)).not.toContain(shop.bagel.id);
    setProductActive({ db, id: shop.bagel.id, active: true });
    expect(db.select().from(products).where(eq(products.id, shop.bagel.id)).get()?.active).toBe(true);
  });
});
