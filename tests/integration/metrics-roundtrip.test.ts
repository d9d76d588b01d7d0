/**
 * Export → import into an empty database → the same GET /api/v1/metrics; and the import's
 * per-row report for bad rows. Route handlers are called directly against real SQLite files.
 */
import { describe, expect, it, vi } from "vitest";
import { orderItems, orders, storeSales, customers, pointsLedger, products } from "@/db/schema";
import { createApiKey } from "@/lib/auth/api-keys";
import { createShop } from "@/lib/setup/create-shop";
import { at, customer, order, sale } from "@/tests/helpers/metrics-fixtures";
import { freshDb, shopWithProducts } from "@/tests/helpers/db";

vi.mock("@/lib/auth/session", () => ({ currentUser: async () => null }));

const { GET: metricsGET } = await import("@/app/api/v1/metrics/route");
const { POST: importPOST } = await import("@/app/api/v1/import/orders/route");
const { GET: exportGET } = await import("@/app/api/v1/export/orders.csv/route");

const ctx = { params: Promise.resolve({}) };
const auth = (key: string, extra: Record<string, string> = {}) => ({ headers: { authorization: `Bearer ${key}`, ...extra } });

/** A deterministic two-month history touching every purchase metric and edge. */
function history() {
  const db = freshDb();
  const { bread, bagel } = shopWithProducts(db);
  let seed = 7;
  const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const people = Array.from({ length: 15 }, (_, i) => customer(db, `0105555${String(1000 + i)}`, `고객${i}`));
  for (let day = 0; day < 60; day++) {
    const date = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
    for (let k = 0; k < 3; k++) {
      const who = rand() < 0.85 ? people[Math.floor(rand() * people.length)] : null;
      const r = rand();
      const status = r < 0.75 ? "picked_up" : r < 0.85 ? "no_show" : r < 0.95 ? "cancelled" : "placed";
      const pickedUpAt = status === "picked_up" ? at(date, "10:00") + Math.floor(rand() * 8 * 3600_000) : null;
      const total = 1000 * (1 + Math.floor(rand() * 20)) + 500;
      const id = order(db, {
        customerId: who,
        channel: rand() < 0.7 ? "web" : "phone",
        status,
        pickupDate: date,
        pickedUpAt,
        arrivedAt: pickedUpAt && rand() < 0.8 ? pickedUpAt - Math.floor(rand() * 240_000) - 1 : null,
        total,
        points: status === "picked_up" && who ? (rand() < 0.95 ? Math.floor(total / 100) : 1) : 0,
      });
      db.insert(orderItems)
        .values({ orderId: id, productId: bread.id, productName: bread.name, unitPrice: 5000, quantity: 1 + k, lineTotal: 5000 * (1 + k) })
        .run();
    }
    const who = rand() < 0.6 ? people[Math.floor(rand() * people.length)] : null;
    const total = 3500 * (1 + Math.floor(rand() * 3));
    sale(db, {
      customerId: who,
      occurredAt: at(date, "13:00") + Math.floor(rand() * 3600_000),
      total,
      points: who ? Math.floor(total / 100) : 0,
    });
  }
  void bagel;
  return db;
}

async function metrics(key: string, from: string, to: string) {
  const res = await metricsGET(new Request(`http://x/api/v1/metrics?from=${from}&to=${to}`, auth(key)), ctx);
  expect(res.status).toBe(200);
  const body = await res.json();
  delete body.generated_at;
  return body;
}

describe("export → import round trip", () => {
  it("gives identical metrics in an empty database", async () => {
    const source = history();
    const key1 = createApiKey({ db: source, name: "t" }).key;
    const before = { jan: await metrics(key1, "2026-01-01", "2026-01-31"), all: await metrics(key1, "2026-01-01", "2026-03-01") };
    // The history really exercises the metrics (so "identical" means something).
    expect(before.jan.revisit_rate_30.denominator).toBeGreaterThan(5);
    expect(before.jan.pickup_lead_time.count).toBeGreaterThan(20);
    expect(before.jan.points_consistency.numerator).toBeLessThan(before.jan.points_consistency.denominator);

    const exported = await exportGET(new Request("http://x/api/v1/export/orders.csv", auth(key1)), ctx);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await exported.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Keep the BOM: the importer must cope with it.
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);

    const target = freshDb();
    createShop({ db: target, input: { shopName: "새 가게", email: "o@example.com", password: "correct-horse-9" } });
    const key2 = createApiKey({ db: target, name: "t" }).key;
    const res = await importPOST(
      new Request("http://x/api/v1/import/orders", {
        method: "POST",
        body: csv,
        ...auth(key2, { "content-type": "text/csv; charset=utf-8" }),
      }),
      ctx,
    );
    expect(res.status).toBe(201);
    const report = await res.json();
    expect(report).toMatchObject({ errors: 0, skipped: 0, imported: 240 });
    expect(await metrics(key2, "2026-01-01", "2026-01-31")).toEqual(before.jan);
    expect(await metrics(key2, "2026-01-01", "2026-03-01")).toEqual(before.all);

    // Importing the same export again writes nothing more.
    const again = await importPOST(
      new Request("http://x/api/v1/import/orders", { method: "POST", body: csv, ...auth(key2, { "content-type": "text/csv" }) }),
      ctx,
    );
    expect(await again.json()).toMatchObject({ imported: 0, skipped: 240, errors: 0 });
    expect(target.select().from(orders).all()).toHaveLength(180);
    expect(target.select().from(storeSales).all()).toHaveLength(60);
  });
});

describe("import report", () => {
  it("lists bad rows with reasons, skips duplicates, writes good rows only", async () => {
    const db = freshDb();
    shopWithProducts(db);
    const key = createApiKey({ db, name: "t" }).key;
    const csv = [
      "\uFEFFexternal_id,channel,customer_phone,customer_name,placed_at,pickup_date,status,arrived_at,completed_at,total,points_earned,items",
      'A1,web,010-1111-2222,"김, 단골",2026-02-01T18:00:00+09:00,2026-02-02,picked_up,2026-02-02T10:00:00+09:00,2026-02-02T10:01:30+09:00,12000,120,"우유식빵 x 2; 새 빵 ""특별"" x 1"',
      "A2,kiosk,,,2026-02-01T18:00:00+09:00,2026-02-02,picked_up,,2026-02-02T10:00:00+09:00,5000,,",
      "A3,web,,,2026-02-30 18:00,2026-02-02,picked_up,,2026-02-02T10:00:00+09:00,5000,,",
      "A4,phone,,,2026-02-01T18:00:00+09:00,2026-02-02,lost,,,5000,,",
      "A5,store,01033334444,,,,picked_up,,2026-02-03 14:00,-500,,",
      "A1,web,,,2026-02-01T18:00:00+09:00,2026-02-02,picked_up,,2026-02-02T10:00:00+09:00,9999,,",
      "A6,store,+82 10 3333 4444,,,,picked_up,,2026-02-03 14:00,7000,70,플레인 베이글 x 2",
      "",
    ].join("\r\n");
    const res = await importPOST(
      new Request("http://x/api/v1/import/orders", { method: "POST", body: csv, ...auth(key, { "content-type": "text/csv" }) }),
      ctx,
    );
    expect(res.status).toBe(201);
    const report = await res.json();
    expect(report).toMatchObject({ rows: 7, imported: 2, skipped: 1, errors: 4 });
    const byId = (id: string, line: number) =>
      report.results.find((r: { external_id: string; line: number }) => r.external_id === id && r.line === line);
    expect(byId("A1", 2)).toMatchObject({ result: "imported", kind: "order" });
    expect(byId("A2", 3).messages.join()).toMatch(/채널\(channel\) "kiosk"/);
    expect(byId("A3", 4).messages.join()).toMatch(/placed_at "2026-02-30 18:00"/);
    expect(byId("A4", 5).messages.join()).toMatch(/상태\(status\) "lost"/);
    expect(byId("A5", 6).messages.join()).toMatch(/0 이상/);
    expect(byId("A1", 7)).toMatchObject({ result: "skipped" });
    expect(byId("A6", 8)).toMatchObject({ result: "imported", kind: "sale" });

    // In the database: the good rows only, nothing of the bad ones.
    const o = db.select().from(orders).all();
    expect(o).toHaveLength(1);
    expect(o[0]).toMatchObject({
      externalId: "A1",
      total: 12000,
      pointsEarned: 120,
      pickedUpAt: at("2026-02-02", "10:01") + 30_000,
      arrivedAt: at("2026-02-02", "10:00"),
    });
    expect(
      db
        .select()
        .from(customers)
        .all()
        .map((c) => [c.phone, c.name]),
    ).toEqual([
      ["01011112222", "김, 단골"],
      ["01033334444", null],
    ]);
    const newBread = db
      .select()
      .from(products)
      .all()
      .find((p) => p.name === '새 빵 "특별"');
    expect(newBread).toMatchObject({ active: false, price: 0 });
    expect(
      db
        .select()
        .from(orderItems)
        .all()
        .map((i) => [i.productName, i.quantity]),
    ).toEqual([
      ["우유식빵", 2],
      ['새 빵 "특별"', 1],
    ]);
    expect(db.select().from(storeSales).all()).toMatchObject([{ externalId: "A6", total: 7000, saleDate: "2026-02-03", source: "import" }]);
    expect(
      db
        .select()
        .from(pointsLedger)
        .all()
        .map((l) => l.delta)
        .sort(),
    ).toEqual([120, 70]);
  });

  it("refuses a body that is not CSV or a key that is missing, writing nothing", async () => {
    const db = freshDb();
    shopWithProducts(db);
    const key = createApiKey({ db, name: "t" }).key;
    const noKey = await importPOST(
      new Request("http://x/api/v1/import/orders", { method: "POST", body: "x", headers: { "content-type": "text/csv" } }),
      ctx,
    );
    expect(noKey.status).toBe(401);
    const json = await importPOST(
      new Request("http://x/api/v1/import/orders", { method: "POST", body: "{}", ...auth(key, { "content-type": "application/json" }) }),
      ctx,
    );
    expect(json.status).toBe(400);
    const noHeader = await importPOST(
      new Request("http://x/api/v1/import/orders", { method: "POST", body: "a,b\n1,2", ...auth(key, { "content-type": "text/csv" }) }),
      ctx,
    );
    expect(noHeader.status).toBe(400);
    expect((await noHeader.json()).error.message).toMatch(/external_id/);
    const badRange = await metricsGET(new Request("http://x/api/v1/metrics?from=2026-02-30&to=2026-03-01", auth(key)), ctx);
    expect(badRange.status).toBe(400);
    expect((await badRange.json()).error.fields.from).toBeTruthy();
    expect(db.select().from(orders).all()).toHaveLength(0);
  });
});
