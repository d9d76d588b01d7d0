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
import { readQuestions } from "@/lib/consultations/question-schema";
import { validateAnswers } from "@/lib/consultations/questions";
import { computeMetrics } from "@/lib/metrics";
import { DRILLDOWN_KEYS, drilldown } from "@/lib/metrics/drilldown";
import { noShowByPayment } from "@/lib/metrics/no-show-by-payment";
import { resolveRange } from "@/lib/metrics/range";
import { loadRackBoard } from "@/lib/rack/board";
import { paymentTally } from "@/lib/rack/close-out-rule";
import { createShop } from "@/lib/setup/create-shop";
import { addDays, zonedTime } from "@/lib/shop/time";

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
    const activity = `select (select count(*) || '/' || sum(rating) from reviews) as reviews,
                              (select count(*) || '/' || sum(first_reply_at - created_at) from inquiries) as inquiries,
                              (select count(*) || '/' || sum(counted - system_available) from stock_counts) as counts,
                              (select group_concat(answers, '|') from consultation_submissions) as answers,
                              (select count(*) || '/' || sum(visited_at) from visits) as visits`;
    expect(one(other, activity)).toEqual(one(db, activity));
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
    expect(
      all<{ channel: string }>(db, "select distinct channel from orders")
        .map((c) => c.channel)
        .sort(),
    ).toEqual(["phone", "web"]);
    // Totals are the sum of the lines; a line is unit price × quantity.
    expect(all(db, "select o.id from orders o where o.total != (select sum(line_total) from order_items where order_id = o.id)")).toEqual(
      [],
    );
    expect(all(db, "select id from order_items where line_total != unit_price * quantity")).toEqual([]);
    // The last event of each order is its status; the first is `placed` (or, prepaid, `awaiting_payment`) at placed_at.
    expect(
      all(
        db,
        "select o.id from orders o where o.status != (select to_status from order_events e where e.order_id = o.id order by at desc, id desc limit 1)",
      ),
    ).toEqual([]);
    expect(
      all(
        db,
        "select o.id from orders o where not exists (select 1 from order_events e where e.order_id = o.id and e.to_status in ('placed', 'awaiting_payment') and e.at = o.placed_at)",
      ),
    ).toEqual([]);
    // Mostly collected after an "I'm here", handed over a minute or two later.
    const pickedUp = one<{ n: number; arrived: number; gap: number }>(
      db,
      "select count(*) as n, sum(arrived_at is not null) as arrived, max(picked_up_at - arrived_at) as gap from orders where status = 'picked_up'",
    );
    expect(pickedUp.arrived / pickedUp.n).toBeGreaterThan(0.7);
    expect(pickedUp.gap).toBeLessThanOrEqual(150_000);
    expect(
      one(db, "select count(*) as n from orders where placed_at > ? or coalesce(picked_up_at, 0) > ?".replaceAll("?", String(NOW))),
    ).toEqual({ n: 0 });
    // Bags on the rack today have distinct labels.
    expect(all(db, "select rack_slot from orders where rack_slot is not null group by pickup_date, rack_slot having count(*) > 1")).toEqual(
      [],
    );
  });

  it("credits points by the one policy: 1 % of each completed purchase with a known customer", () => {
    const ledger = one<{ n: number }>(db, "select coalesce(sum(delta), 0) as n from points_ledger").n;
    const earned = one<{ n: number }>(
      db,
      "select (select sum(points_earned) from orders) + (select sum(points_earned) from store_sales) as n",
    ).n;
    expect(ledger).toBeGreaterThan(0);
    expect(ledger).toBe(earned);
    expect(all(db, "select id from orders where status = 'picked_up' and points_earned != total / 100")).toEqual([]);
    expect(all(db, "select id from orders where status != 'picked_up' and points_earned != 0")).toEqual([]);
    expect(all(db, "select id from store_sales where customer_id is null and points_earned != 0")).toEqual([]);
    // Counter sales include anonymous ones.
    expect(one<{ n: number }>(db, "select count(*) as n from store_sales where customer_id is null").n).toBeGreaterThan(0);
  });

  it("has prepaid orders: paid online, picked up, one refunded no-show, today's on the close-out and in the dashboard split", () => {
    const prepaid = all<{ status: string; n: number; refunded: number; owed: number; prepaid: number }>(
      db,
      "select status, count(*) as n, sum(refunded_amount) as refunded, sum(refund_owed) as owed, sum(prepaid_amount) as prepaid from orders where prepaid_amount > 0 group by status order by status",
    );
    const by = new Map(prepaid.map((r) => [r.status, r]));
    expect(by.get("picked_up")!.n).toBeGreaterThanOrEqual(3);
    expect(by.get("picked_up")!.refunded).toBe(0);
    // The no-show got the refundable half back, recorded as a refund event.
    expect(by.get("no_show")).toMatchObject({ n: 1, refunded: by.get("no_show")!.prepaid / 2, owed: by.get("no_show")!.prepaid / 2 });
    expect(
      all(
        db,
        "select id from orders where prepaid_amount > 0 and (payment_method != 'online' or payment_status != 'paid' or payment_key is null or prepaid_amount != total)",
      ),
    ).toEqual([]);
    expect(
      one(
        db,
        "select count(*) as n from order_events e join orders o on o.id = e.order_id where o.prepaid_amount > 0 and e.kind = 'payment'",
      ),
    ).toEqual({ n: prepaid.reduce((s, r) => s + r.n, 0) });
    expect(
      one(
        db,
        "select count(*) as n from order_events e join orders o on o.id = e.order_id where o.status = 'no_show' and o.prepaid_amount > 0 and e.kind = 'refund'",
      ),
    ).toEqual({ n: 1 });
    const tally = paymentTally(loadRackBoard({ db, now: NOW }).cards);
    expect(tally.prepaid).toBeGreaterThan(0);
    expect(tally.atPickup).toBeGreaterThan(0);
    const split = noShowByPayment({ db, range: resolveRange({ from: addDays("2026-11-21", -89), to: "2026-11-21", now: NOW }) });
    expect(split.prepaid.denominator).toBeGreaterThanOrEqual(4);
    expect(split.prepaid.numerator).toBe(1);
  });

  it("gives every counter sale a receipt token, like a sale rung up at the counter", () => {
    expect(one<{ n: number }>(db, "select count(*) as n from store_sales").n).toBeGreaterThan(0);
    expect(all(db, "select id from store_sales where receipt_token is null or length(receipt_token) != 36")).toEqual([]);
  });

  it("has reviews of picked-up orders, mostly good and a few low, written after the hand-over", () => {
    const reviews = one<{ n: number; low: number; commented: number }>(
      db,
      "select count(*) as n, sum(rating <= 2) as low, sum(comment != '') as commented from reviews",
    );
    expect(reviews.n).toBeGreaterThan(50);
    expect(reviews.low).toBeGreaterThan(0);
    expect(reviews.low / reviews.n).toBeLessThan(0.2);
    expect(reviews.commented).toBeGreaterThan(0);
    expect(
      all(
        db,
        `select r.id from reviews r join orders o on o.id = r.order_id where o.status != 'picked_up' or r.created_at < o.picked_up_at or r.created_at > ${NOW} or r.rating not between 1 and 5`,
      ),
    ).toEqual([]);
  });

  it("has customer questions answered by staff after a realistic delay, and some still waiting", () => {
    const q = one<{ n: number; open: number; replies: number }>(
      db,
      "select count(*) as n, sum(first_reply_at is null) as open, (select count(*) from inquiry_replies) as replies from inquiries",
    );
    expect(q.n).toBeGreaterThan(10);
    expect(q.open).toBeGreaterThan(0);
    expect(q.replies).toBe(q.n - q.open);
    // The first reply is the stored reply, after the question, not in the future, within a day.
    expect(
      all(
        db,
        `select i.id from inquiries i where i.created_at > ${NOW} or (i.first_reply_at is not null and (i.first_reply_at <= i.created_at or i.first_reply_at > ${NOW}
           or i.first_reply_at - i.created_at > 86400000 or i.first_reply_at != (select min(created_at) from inquiry_replies where inquiry_id = i.id)))`,
      ),
    ).toEqual([]);
    expect(one<{ n: number }>(db, "select count(*) as n from inquiries where customer_id is null").n).toBe(0);
  });

  it("has closing stock counts on past days: mostly matching the system, a few off by one or two", () => {
    const counts = one<{ n: number; equal: number; days: number; worst: number }>(
      db,
      "select count(*) as n, sum(counted = system_available) as equal, count(distinct date) as days, max(abs(counted - system_available)) as worst from stock_counts",
    );
    expect(counts.days).toBeGreaterThan(5);
    expect(counts.equal).toBeLessThan(counts.n);
    expect(counts.equal / counts.n).toBeGreaterThan(0.9);
    expect(counts.worst).toBeLessThanOrEqual(2);
    // The system side is what was available that day: planned − reserved − sold, counted after closing.
    expect(
      all(
        db,
        `select sc.id from stock_counts sc join daily_plans dp on dp.date = sc.date and dp.product_id = sc.product_id
          where sc.date >= '2026-11-21' or date((sc.counted_at + 32400000) / 1000, 'unixepoch') != sc.date
             or sc.system_available != max(0, dp.planned
               - coalesce((select sum(i.quantity) from order_items i join orders o on o.id = i.order_id where o.pickup_date = sc.date and o.status != 'cancelled' and i.product_id = sc.product_id), 0)
               - coalesce((select sum(si.quantity) from store_sale_items si join store_sales ss on ss.id = si.sale_id where ss.sale_date = sc.date and si.product_id = sc.product_id), 0))`,
      ),
    ).toEqual([]);
    expect(
      one(
        db,
        "select count(*) as n from stock_counts sc where sc.counted_at < (select max(occurred_at) from store_sales where sale_date = sc.date)",
      ),
    ).toEqual({ n: 0 });
  });

  it("has consultation forms whose answers fit their template version, and visits after some of them", () => {
    const submissions = all<{ questions: string; answers: string; customer_id: number; submitted_at: number }>(
      db,
      "select v.questions, s.answers, s.customer_id, s.submitted_at from consultation_submissions s join consultation_template_versions v on v.id = s.template_version_id",
    );
    expect(submissions.length).toBeGreaterThan(10);
    for (const s of submissions) {
      const answers = JSON.parse(s.answers) as Record<string, unknown>;
      const checked = validateAnswers(readQuestions(JSON.parse(s.questions)), answers);
      expect(checked.errors).toEqual({});
      expect(checked.answers).toEqual(answers);
      expect(s.submitted_at).toBeLessThan(NOW);
    }
    const followUps = one<{ within: number; later: number; none: number }>(
      db,
      `select sum(first - submitted_at <= 30 * 86400000) as within, sum(first - submitted_at > 30 * 86400000) as later, sum(first is null) as none
         from (select s.submitted_at, (select min(visited_at) from visits v where v.customer_id = s.customer_id and v.visited_at >= s.submitted_at) as first
                 from consultation_submissions s)`,
    );
    expect(followUps.within).toBeGreaterThan(0);
    expect(followUps.later + followUps.none).toBeGreaterThan(0);
    const visits = one<{ n: number; shared: number; future: number; blank: number }>(
      db,
      `select count(*) as n, sum(shared) as shared, sum(visited_at > ${NOW}) as future, sum(done = '' and notes = '') as blank from visits`,
    );
    expect(visits.n).toBeGreaterThan(5);
    expect(visits.shared).toBeGreaterThan(0);
    expect(visits).toMatchObject({ future: 0, blank: 0 });
    expect(
      one<{ n: number }>(
        db,
        "select count(*) as n from recommendations r join visits v on v.id = r.visit_id and v.customer_id = r.customer_id",
      ).n,
    ).toBeGreaterThan(0);
  });

  it("offers consultation forms that fit a bakery: taste, allergies, a cake order — no skin, scalp or coffee", () => {
    expect(all(db, "select slug, title from consultation_templates order by id")).toEqual([
      { slug: "bread-taste", title: "빵 취향 카드" },
      { slug: "allergy", title: "알레르기·식단 확인" },
      { slug: "cake-order", title: "케이크 주문 상담" },
    ]);
    const text = all<{ t: string }>(
      db,
      `select title || ' ' || coalesce(description, '') as t from consultation_templates union all select questions from consultation_template_versions
       union all select answers from consultation_submissions union all select done || ' ' || products_used || ' ' || notes || ' ' || advice from visits`,
    ).map((r) => r.t);
    expect(text.filter((t) => /피부|두피|원두|커피|화장품|시술/.test(t))).toEqual([]);
  });

  it("has last week's note, and never a phone number in free text", () => {
    // NOW is Saturday 2026-11-21: this week starts on Monday the 16th, last week on the 9th.
    expect(all(db, "select week_start from weekly_notes")).toEqual([{ week_start: "2026-11-09" }]);
    const texts = all<{ t: string }>(
      db,
      `select comment as t from reviews union all select message from inquiries union all select body from inquiry_replies
       union all select done || ' ' || products_used || ' ' || notes || ' ' || advice from visits union all select note from recommendations
       union all select body from weekly_notes union all select answers from consultation_submissions`,
    ).map((r) => r.t);
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.filter((t) => /01[016789][-. ]?\d{3,4}[-. ]?\d{4}|\d{2,3}-\d{3,4}-\d{4}/.test(t))).toEqual([]);
  });

  it("feeds every dashboard number for the last 90 days", () => {
    const m = computeMetrics({ db, from: addDays("2026-11-21", -89), to: "2026-11-21", now: NOW });
    const keys = [
      "revisit_rate_30",
      "pickup_lead_time",
      "preorder_conversion",
      "no_show_rate",
      "stock_accuracy",
      "points_consistency",
      "cs_response_time",
      "consult_to_visit",
      "repurchase_cycle",
      "omni_customer_share",
      "channel_synergy",
      "revenue",
    ] as const;
    expect(keys.filter((k) => m[k].value === null)).toEqual([]);
    expect(m.revenue.value).toBeGreaterThan(0);
    // Not everyone uses every channel, and not every question or form is followed up yet.
    expect(m.omni_customer_share.value).toBeLessThan(1);
    expect(m.cs_response_time.unanswered).toBeGreaterThan(0);
    expect(m.consult_to_visit.value).toBeLessThan(1);
    expect(m.stock_accuracy.value).toBeLessThan(1);
  });

  it("opens every metric down to the rows behind it", () => {
    const range = resolveRange({ from: addDays("2026-11-21", -89), to: "2026-11-21", now: NOW });
    const empty = DRILLDOWN_KEYS.filter((metric) => drilldown({ db, range, metric }).length === 0);
    expect(empty).toEqual([]);
  });

  it("refuses to seed a shop that already has products", () => {
    expect(() => seedDemo({ db, now: NOW })).toThrow("이미 상품이나 주문이 있어서");
  });
});
