import { describe, expect, it } from "vitest";
import { asc, eq, sql } from "drizzle-orm";
import { integer, sqliteTable } from "drizzle-orm/sqlite-core";
import { openDatabase, type DbOrTx } from "@/db/client";
import { customers, products } from "@/db/schema";
import { freshDb, shopWithProducts } from "@/tests/helpers/db";
import { inJsonList, insertReturning, insertRows, placeholdersFor, preparedQuery } from "@/db/prepared";

const productNamed = (db: DbOrTx, name: string) =>
  preparedQuery(db, "test.product-by-name", (q) =>
    q
      .select({ id: products.id, price: products.price })
      .from(products)
      .where(eq(products.name, sql.placeholder("name")))
      .prepare(),
  ).get({ name });

describe("preparedQuery", () => {
  it("runs inside the open transaction: it sees the transaction's own writes, and none after a rollback", () => {
    const db = freshDb();
    shopWithProducts(db);
    expect(() =>
      db.transaction((tx) => {
        tx.update(products).set({ price: 9900 }).where(eq(products.name, "우유식빵")).run();
        expect(productNamed(tx, "우유식빵")?.price).toBe(9900);
        throw new Error("roll back");
      }),
    ).toThrow("roll back");
    expect(productNamed(db, "우유식빵")?.price).toBe(5000);
    expect(productNamed(db, "없는 빵")).toBeUndefined();
  });

  it("keeps one query per connection: another database file answers from its own rows", () => {
    const first = freshDb();
    shopWithProducts(first);
    expect(productNamed(first, "우유식빵")?.price).toBe(5000);
    const second = freshDb();
    shopWithProducts(second);
    second.update(products).set({ price: 6100 }).where(eq(products.name, "우유식빵")).run();
    expect(productNamed(second, "우유식빵")?.price).toBe(6100);
    const again = openDatabase(process.env.DATABASE_PATH);
    try {
      expect(productNamed(again, "우유식빵")?.price).toBe(6100);
    } finally {
      again.$client.close();
    }
  });

  it("passes a list of ids of any length as one parameter, and inserts rows of one shape with placeholdersFor", () => {
    const db = freshDb();
    const shop = shopWithProducts(db);
    const byIds = (ids: number[]) =>
      preparedQuery(db, "test.products-by-ids", (q) =>
        q.select({ id: products.id }).from(products).where(inJsonList(products.id, "ids")).orderBy(asc(products.id)).prepare(),
      )
        .all({ ids: JSON.stringify(ids) })
        .map((p) => p.id);
    expect(byIds([shop.bagel.id, shop.bread.id, 999])).toEqual([shop.bread.id, shop.bagel.id].sort((a, b) => a - b));
    expect(byIds([shop.bagel.id])).toEqual([shop.bagel.id]);
    expect(byIds([])).toEqual([]);

    const insert = (values: { phone: string; name: string | null; token: string; createdAt: number }) =>
      preparedQuery(db, "test.customer-insert", (q) => q.insert(customers).values(placeholdersFor(values)).returning().prepare()).get(
        values,
      );
    insert({ phone: "01011112222", name: "김단골", token: "token-aaaaaaaaaaaaaaaa", createdAt: 1 });
    insert({ phone: "01033334444", name: null, token: "token-bbbbbbbbbbbbbbbb", createdAt: 2 });
    expect(
      db
        .select({ phone: customers.phone, name: customers.name, createdAt: customers.createdAt })
        .from(customers)
        .orderBy(asc(customers.id))
        .all(),
    ).toEqual([
      { phone: "01011112222", name: "김단골", createdAt: 1 },
      { phone: "01033334444", name: null, createdAt: 2 },
    ]);
  });

  it("inserts through a statement built once, and refuses a table with a value computed per insert (it would be frozen)", () => {
    const db = freshDb();
    const customer = insertReturning(db, "test.customer", customers, {
      phone: "01055556666",
      token: "token-cccccccccccccccc",
      createdAt: 3,
    });
    insertRows(db, "test.customers", customers, [{ phone: "01077778888", token: "token-dddddddddddddddd", createdAt: 4 }]);
    expect(db.select({ phone: customers.phone }).from(customers).orderBy(asc(customers.id)).all()).toEqual([
      { phone: customer.phone },
      { phone: "01077778888" },
    ]);
    let n = 0;
    const stamped = sqliteTable("stamped", { id: integer("id").primaryKey(), at: integer("at").$defaultFn(() => ++n) });
    expect(() => insertReturning(db, "test.stamped", stamped, { id: 1 })).toThrow(/computed per insert/);
    expect(() => insertRows(db, "test.stamped", stamped, [{ id: 1 }])).toThrow(/computed per insert/);
  });
});
