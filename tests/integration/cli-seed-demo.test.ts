/**
 * The demo data obeys the same rules as live data, and is the same for the same clock.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { seedDemo } from "@/db/seed-demo";
import { createShop } from "@/lib/shop/setup";
import { zonedTime } from "@/lib/shop/time";

// A Saturday afternoon in Seoul: today's slots are partly over, tomorrow is open for orders.
const NOW = zonedTime("2026-11-21", "14:20", "Asia/Seoul");

function seededDb(): Db {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dangol-seed-"));
  const db = openDatabase(path.join(dir, "demo.db"));
  runMigrations(db);
  createShop({ db, input: { shopName: "데모", email: "owner@example.com", password: "correct-horse-9" } });
  seedDemo({ db, now: NOW });
  return db;
}

const all = <T>(db: Db, query: string) => db.$client.prepare(query).all() as T[];
const one = <T>(db: Db, query: string) => db.$client.prepare(query).get() as T;

describe("seedDemo", () => {
  const db = seededDb();

  it("is reproducible: the same clock gives the same counts and totals", () => {
    const other = seededDb();
    const summary = `select status, channel, count(*) as n, sum(total) as total, sum(points_earned) as points from orders group by 1, 2 order by 1, 2`;
    expect(all(other, summary)).toEqual(all(db, summary));
    const sales = `select count(*) as n, sum(total) as total, sum(customer_id is null) as anonymous from store_sales`;
    expect(one(other, sales)).toEqual(one(db, sales));
    other.$client.close();
  });

  it("has a catalogue with options, plans for thirteen weeks back and a week ahead, and 60 customers", () => {
    expect(one(db, "select count(*) as n from products")).toEqual({ n: 12 });
    const groups = all<{ name: string }>(db, "select distinct name from product_option_groups").map((g) => g.name);
    expect(groups).toEqual(expect.arrayContaining(["슬라이스 여부", "포장", "크림 추가"]));
    expect(one(db, "select min(date) as first, max(date) as last from daily_plans")).toEqual({ first: "2026-08-22", last: "2026-11-28" });
    expect(one<{ n: number }>(db, "select count(*) as n from customers").n).toBe(60);
    expect(one<{ n: number }>(db, "select count(*) as n from customers where phone not like '010________'").n).toBe(0);
  });

  it("never reserves or sells past the plan, nor books a slot past capacity", () => {
    const over = all(
      db,
      `with r as (select o.pickup_date d, i.product_id p, sum(i.quantity) q from order_items i join orders o on o.id = i.order_id where o.status != 'cancelled' group by 1, 2),
            s as (select ss.sale_date d, si.product_id p, sum(si.quantity) q from store_sale_items si join store_sales ss on ss.id = si.sale_id group by 1, 2),
            used as (select d, p, sum(q) q from (select * from r union all select * from s) group by 1, 2)
       select used.d, used.p, used.q, dp.planned from used left join daily_plans dp on dp.date = used.d and dp.product_id = used.p
       where dp.planned is null or used.q > dp.planned`,
    );
    expect(over).toEqual([]);
    const slots = all(
      db,
      `select o.pickup_date, o.slot_start, count(*) as n, max(ps.capacity) as capacity from orders o
       join pickup_slots ps on ps.start_time = o.slot_start and ps.weekday = cast(strftime('%w', o.pickup_date) as integer)
       where o.status != 'cancelled' group by 1, 2 having n > capacity`,
    );
    expect(slots).toEqual([]);
  });

  it("has pre-orders in every final status with their events, priced from the catalogue", () => {
    const statuses = all<{ status: string }>(db, "select distinct status from orders").map((s) => s.status);
    expect(statuses).toEqual(expect.arrayContaining(["picked_up", "no_show", "cancelled", "placed"]));
    // Today's slot in progress has bags on the rack.
    expect(statuses.some((s) => s === "ready" || s === "arrived")).toBe(true);
    expect(all<{ channel: string }>(db, "select distinct channel from orders").map((c) => c.channel).sort()).toEqual(["phone", "web"]);
    // Totals are the sum of the lines; a line is unit price × quantity.
    expect(all(db, "select o.id from orders o where o.total != (select sum(line_total) from order_items where order_id = o.id)")).toEqual([]);
    expect(all(db, "select id from order_items where line_total != unit_price * quantity")).toEqual([]);
    // The last event of each order is its status; the first is `placed` at placed_at.
    expect(
      all(db, "select o.id from orders o where o.status != (select to_status from order_events e where e.order_id = o.id order by at desc, id desc limit 1)"),
    ).toEqual([]);
    expect(all(db, "select o.id from orders o where not exists (select 1 from order_events e where e.order_id = o.id and e.to_status = 'placed' and e.at = o.placed_at)")).toEqual([]);
    // Mostly collected after an "I'm here", handed over a minute or two later.
    const pickedUp = one<{ n: number; arrived: number; gap: number }>(
      db,
      "select count(*) as n, sum(arrived_at is not null) as arrived, max(picked_up_at - arrived_at) as gap from orders where status = 'picked_up'",
    );
    expect(pickedUp.arrived / pickedUp.n).toBeGreaterThan(0.7);
    expect(pickedUp.gap).toBeLessThanOrEqual(150_000);
    expect(one(db, "select count(*) as n from orders where placed_at > ? or coalesce(picked_up_at, 0) > ?".replaceAll("?", String(NOW)))).toEqual({ n: 0 });
    // Bags on the rack today have distinct labels.
    expect(all(db, "select rack_slot from orders where rack_slot is not null group by pickup_date, rack_slot having count(*) > 1")).toEqual([]);
  });

  it("credits points by the one policy: 1 % of each completed purchase with a known customer", () => {
    const ledger = one<{ n: number }>(db, "select coalesce(sum(delta), 0) as n from points_ledger").n;
    const earned = one<{ n: number }>(db, "select (select sum(points_earned) from orders) + (select sum(points_earned) from store_sales) as n").n;
    expect(ledger).toBeGreaterThan(0);
    expect(ledger).toBe(earned);
    expect(all(db, "select id from orders where status = 'picked_up' and points_earned != total / 100")).toEqual([]);
    expect(all(db, "select id from orders where status != 'picked_up' and points_earned != 0")).toEqual([]);
    expect(all(db, "select id from store_sales where customer_id is null and points_earned != 0")).toEqual([]);
    // Counter sales include anonymous ones.
    expect(one<{ n: number }>(db, "select count(*) as n from store_sales where customer_id is null").n).toBeGreaterThan(0);
  });

  it("refuses to seed a shop that already has products", () => {
    expect(() => seedDemo({ db, now: NOW })).toThrow("이미 상품이나 주문이 있어서");
  });
});
