/**
 * The CSV export is safe to open in a spreadsheet (no formulas, phones kept as text) and the
 * importer reads it back to the same data; the import yields to other work between chunks
 * and never books pre-orders over the plan.
 */
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { customers, orderItems, orders, products, storeSales } from "@/db/schema";
import { exportOrdersCsv } from "@/lib/export/export-orders";
import { neutralizeCell, parseCsv, restoreCell } from "@/lib/import/csv";
import { importOrdersCsv } from "@/lib/import/import-orders";
import { stockForDate } from "@/lib/inventory/availability";
import { at, customer, order, sale } from "@/tests/helpers/metrics-fixtures";
import { addDays, localDate } from "@/lib/shop/time";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";

const HOSTILE = ['=HYPERLINK("http://evil.test","x")', "+SUM(1+1)", "-2+3+cmd|'/C calc'!A0", "@SUM(A1)", "'=already quoted"];
const HEADER =
  "external_id,channel,customer_phone,customer_name,placed_at,pickup_date,status,arrived_at,completed_at,total,points_earned,items";

function hostileHistory() {
  const db = freshDb();
  shopWithProducts(db);
  HOSTILE.forEach((name, i) => {
    const who = customer(db, `0106892467${i}`, name);
    const product = db
      .insert(products)
      .values({ name: `${name} 빵`, price: 1000, active: false })
      .returning()
      .get();
    const id = order(db, {
      customerId: who,
      channel: "web",
      status: "picked_up",
      pickupDate: "2026-02-03",
      pickedUpAt: at("2026-02-03", "10:00") + i,
      total: 1000,
      points: 10,
    });
    db.insert(orderItems)
      .values({ orderId: id, productId: product.id, productName: product.name, unitPrice: 1000, quantity: 1, lineTotal: 1000 })
      .run();
  });
  sale(db, { customerId: null, occurredAt: at("2026-02-04", "13:00"), total: 3500 });
  return db;
}

describe("the CSV export", () => {
  it("writes no cell a spreadsheet would run as a formula", () => {
    const db = hostileHistory();
    const csv = exportOrdersCsv({ db });
    for (const record of parseCsv(csv).slice(1)) {
      for (const cell of record.fields) expect(cell, `cell ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(csv).toContain(`'=HYPERLINK`);
    expect(csv).toContain(`'+SUM(1+1)`);
    expect(csv).toContain(`'-2+3+cmd`);
  });

  it("writes phone numbers so a spreadsheet keeps the leading 0", () => {
    const db = hostileHistory();
    const rows = parseCsv(exportOrdersCsv({ db })).slice(1);
    const phones = rows.map((r) => r.fields[2]).filter(Boolean);
    expect(phones).toContain("010-6892-4670");
    // Bare digits are what a spreadsheet turns into the number 1068924670.
    for (const p of phones) expect(p).not.toMatch(/^\d+$/);
  });

  it("reads back with the importer to identical data", async () => {
    const first = exportOrdersCsv({ db: hostileHistory() });
    const db = freshDb();
    shopWithProducts(db);
    const report = await importOrdersCsv({ db, csv: first });
    expect(report.errors).toBe(0);
    expect(exportOrdersCsv({ db })).toBe(first);
    // The hostile text arrives as typed, not with the escape apostrophe.
    const names = db
      .select({ name: customers.name })
      .from(customers)
      .all()
      .map((c) => c.name);
    expect(names).toContain("+SUM(1+1)");
    expect(names).toContain("'=already quoted");
    expect(
      db
        .select({ phone: customers.phone })
        .from(customers)
        .all()
        .map((c) => c.phone),
    ).toContain("01068924670");
    expect(
      db
        .select({ name: orderItems.productName })
        .from(orderItems)
        .all()
        .map((i) => i.name),
    ).toContain("-2+3+cmd|'/C calc'!A0 빵");
  });

  it("escapes so that unescaping gives back any text", () => {
    for (const text of [...HOSTILE, "\t=1+1", "\r=1+1", "plain", "'quoted", "''=x", "", "010-1234-5678"])
      expect(restoreCell(neutralizeCell(text))).toBe(text);
  });
});

describe("the import", () => {
  it("yields to other work between chunks of rows", async () => {
    const db = freshDb();
    shopWithProducts(db);
    const lines = Array.from({ length: 1000 }, (_, i) => `y${i},store,,,,,picked_up,,2026-01-05T10:00:00+09:00,3500,,베이글 x 1`);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const report = await importOrdersCsv({ db, csv: [HEADER, ...lines].join("\n"), chunkRows: 100 });
    clearInterval(timer);
    expect(report.imported).toBe(1000);
    // A synchronous import would let no timer run until it had finished.
    expect(ticks).toBeGreaterThanOrEqual(5);
  });

  it("gives an imported counter sale its own receipt token, like a sale rung up at the counter", async () => {
    const db = freshDb();
    shopWithProducts(db);
    const csv = [
      HEADER,
      `t1,store,,,,,picked_up,,2026-01-05T11:00:00+09:00,3500,,새 빵 x 1`,
      `t2,store,,,,,picked_up,,2026-01-05T12:00:00+09:00,3500,,새 빵 x 1`,
    ].join("\n");
    expect((await importOrdersCsv({ db, csv })).imported).toBe(2);
    const tokens = db
      .select({ token: storeSales.receiptToken })
      .from(storeSales)
      .all()
      .map((r) => r.token);
    expect(tokens).toEqual([expect.stringMatching(/^[0-9a-f]{36}$/), expect.stringMatching(/^[0-9a-f]{36}$/)]);
    expect(tokens[0]).not.toBe(tokens[1]);
  });

  it("keeps rows all-or-nothing and idempotent inside a chunk", async () => {
    const db = freshDb();
    shopWithProducts(db);
    const csv = [
      HEADER,
      `r1,web,010-1111-2222,김단골,2026-01-05T09:00:00+09:00,2026-01-05,picked_up,,2026-01-05T10:00:00+09:00,3500,35,새 빵 x 1`,
      // A bad row between good ones writes nothing, not even its new product.
      `r2,web,010-3333-4444,이손님,2026-01-05T09:00:00+09:00,2026-01-05,picked_up,,,3500,,없는 빵 x 1`,
      `r1,web,010-1111-2222,김단골,2026-01-05T09:00:00+09:00,2026-01-05,picked_up,,2026-01-05T10:00:00+09:00,3500,35,새 빵 x 1`,
      `r3,store,,,,,picked_up,,2026-01-05T11:00:00+09:00,3500,,새 빵 x 2`,
    ].join("\n");
    const report = await importOrdersCsv({ db, csv, chunkRows: 200 });
    expect(report.results.map((r) => r.result)).toEqual(["imported", "error", "skipped", "imported"]);
    expect(db.select().from(products).where(eq(products.name, "없는 빵")).all()).toHaveLength(0);
    expect(db.select().from(customers).where(eq(customers.phone, "01033334444")).all()).toHaveLength(0);
    const again = await importOrdersCsv({ db, csv, chunkRows: 2 });
    expect(again.results.map((r) => r.result)).toEqual(["skipped", "error", "skipped", "skipped"]);
  });

  it("refuses a future pre-order over the plan, row by row, and books one that fits", async () => {
    const db = freshDb();
    const { bagel } = shopWithProducts(db);
    const tomorrow = addDays(localDate(Date.now()), 1);
    plan(db, tomorrow, bagel.id, 35);
    const csv = [
      HEADER,
      `f1,web,010-1111-2222,김단골,${tomorrow} 08:00,${tomorrow},placed,,,3500000,,플레인 베이글 x 999`,
      `f2,web,010-1111-2222,김단골,${tomorrow} 08:00,${tomorrow},placed,,,7000,,플레인 베이글 x 2`,
      // Past history is history: it is not checked against a plan.
      `f3,web,010-1111-2222,김단골,2026-01-05 08:00,2026-01-05,picked_up,,2026-01-05T10:00:00+09:00,7000,,플레인 베이글 x 500`,
    ].join("\n");
    const report = await importOrdersCsv({ db, csv });
    expect(report.results.map((r) => r.result)).toEqual(["error", "imported", "imported"]);
    expect(report.results[0].messages[0]).toContain("(999 > 35)");
    expect(stockForDate({ db, date: tomorrow, productIds: [bagel.id] }).get(bagel.id)).toMatchObject({
      planned: 35,
      reserved: 2,
      available: 33,
    });
    expect(db.select().from(orders).where(eq(orders.externalId, "f1")).all()).toHaveLength(0);
  });
});
