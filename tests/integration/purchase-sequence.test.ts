/**
 * The customer purchase sequence (lib/purchases/sequence.ts) kept by every purchase writer equals
 * a rebuild from the orders, sales and returns after a mixed run of real writes: placing,
 * picking up, cancelling, no-shows, undoing, counter sales, a receipt claim, a return and a CSV
 * import — and so do the per-day sums, the lead times and the pre-order outcome counts.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { seedDemo } from "@/db/seed-demo";
import { importOrdersCsv } from "@/lib/import/import-orders";
import { computeMetrics } from "@/lib/metrics";
import { rebuildPurchaseSequence } from "@/lib/purchases/sequence";
import { runOrderCommand } from "@/lib/orders/command";
import { placeOrder } from "@/lib/orders/place-order";
import { applyUndo, changeOrderStatus, getOrderForUpdate } from "@/lib/orders/status";
import { claimReceipt } from "@/lib/receipts/receipts";
import { recordReturn } from "@/lib/returns/returns";
import { recordStoreSale } from "@/lib/sales/record-sale";
import { createShop } from "@/lib/setup/create-shop";
import { addDays, localDate } from "@/lib/shop/time";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";

const HEADER =
  "external_id,channel,customer_phone,customer_name,placed_at,pickup_date,status,arrived_at,completed_at,total,points_earned,items";
const STAFF = { type: "user", userId: 1 } as const;

let db: Db;
let bagelId: number;
const now = Date.now();
const today = localDate(now);

function sequence() {
  return db.$client
    .prepare(
      `SELECT customer_id, order_id, sale_id, channel, at, day, first_of_day, prev_day, next_day, next_other_day, prev_other_day, day_mixed, value_180
         FROM customer_purchases ORDER BY customer_id, at, order_id, sale_id`,
    )
    .all();
}

/** The per-day purchase sums, the pickup lead times, the pre-order outcome counts and the rollups, kept beside the sequence. */
function daySums() {
  return {
    days: db.$client.prepare(`SELECT * FROM purchase_days ORDER BY day, channel`).all(),
    leads: db.$client.prepare(`SELECT * FROM pickup_lead_times ORDER BY order_id`).all(),
    outcomes: db.$client.prepare(`SELECT * FROM preorder_outcome_days ORDER BY pickup_date`).all(),
    rates: db.$client.prepare(`SELECT * FROM purchase_rate_days ORDER BY day, rate_bp, total, points`).all(),
    weeks: db.$client.prepare(`SELECT * FROM revisit_week_days ORDER BY day`).all(),
    gaps: db.$client.prepare(`SELECT * FROM repurchase_gap_days ORDER BY day, gap`).all(),
    leadDays: db.$client.prepare(`SELECT * FROM pickup_lead_days ORDER BY day, bucket`).all(),
  };
}

function place(phone: string): number {
  const weekday = new Date(`${today}T12:00:00+09:00`).getUTCDay();
  const slot = db.query.pickupSlots
    .findMany()
    .sync()
    .filter((s) => s.weekday === weekday)
    .at(-1)!;
  return placeOrder({
    db,
    channel: "phone",
    now,
    input: {
      pickup_date: today,
      slot: `${slot.startTime}-${slot.endTime}`,
      customer: { name: "김단골", phone },
      consent: { privacy: true, marketing: false },
      items: [{ product_id: bagelId, quantity: 2, options: [] }],
      note: "",
    },
  }).order.id;
}

const sale = (at: number) =>
  recordStoreSale({ db, source: "counter", now: at, input: { items: [{ product_id: bagelId, quantity: 1 }] } as never }).sale;

beforeEach(() => {
  db = freshDb();
  const { bagel } = shopWithProducts(db);
  bagelId = bagel.id;
  plan(db, today, bagelId, 50);
});

describe("the purchase sequence", () => {
  it("kept by every purchase writer equals a rebuild, and the metrics read from it equal the scan", async () => {
    // History first, from a CSV import: the customer bought on the web and at the counter before.
    const past = (days: number) => addDays(today, -days);
    const csv = [
      HEADER,
      `h1,web,010-1111-2222,김단골,${past(41)}T10:00:00+09:00,${past(40)},picked_up,,${past(40)}T10:00:00+09:00,7000,,베이글 x 2`,
      `h2,store,010-1111-2222,김단골,,${past(20)},picked_up,,${past(20)}T11:00:00+09:00,3500,,베이글 x 1`,
      `h3,phone,010-3333-4444,박손님,${past(26)}T12:00:00+09:00,${past(25)},picked_up,,${past(25)}T12:00:00+09:00,3500,,베이글 x 1`,
    ].join("\n");
    expect((await importOrdersCsv({ db, csv, now })).imported).toBe(3);

    // Placed and picked up; placed and cancelled; picked up and undone; picked up again.
    const a = place("010-1111-2222");
    changeOrderStatus({ db, orderId: a, to: "picked_up", actor: STAFF, now });
    const b = place("010-1111-2222");
    changeOrderStatus({ db, orderId: b, to: "cancelled", actor: STAFF, now });
    const c = place("010-3333-4444");
    changeOrderStatus({ db, orderId: c, to: "picked_up", actor: STAFF, now });
    runOrderCommand({ db, now: now + 1000 }, (cmd) =>
      applyUndo(cmd, { order: getOrderForUpdate({ db: cmd.tx, orderId: c }), actor: STAFF }),
    );
    const d = place("010-3333-4444");
    changeOrderStatus({ db, orderId: d, to: "arrived", actor: STAFF, now: now + 1500 });
    changeOrderStatus({ db, orderId: d, to: "picked_up", actor: STAFF, now: now + 2000 });
    // A no-show undone, and one that stays.
    const e = place("010-5555-6666");
    changeOrderStatus({ db, orderId: e, to: "no_show", actor: STAFF, now });
    runOrderCommand({ db, now: now + 3000 }, (cmd) =>
      applyUndo(cmd, { order: getOrderForUpdate({ db: cmd.tx, orderId: e }), actor: STAFF }),
    );
    changeOrderStatus({ db, orderId: place("010-5555-6666"), to: "no_show", actor: STAFF, now });

    // An anonymous counter sale, then claimed from its receipt; another stays anonymous.
    const claimed = sale(now - 3_600_000);
    sale(now - 1_800_000);
    claimReceipt({ db, token: claimed.receiptToken!, phone: "010-3333-4444", confirmed: true, now });
    // A counter sale to a known customer (points credited at the shop's rate), then exchanged for fresh goods.
    const known = recordStoreSale({
      db,
      source: "counter",
      now: now - 600_000,
      input: { items: [{ product_id: bagelId, quantity: 2 }], customer_phone: "010-5555-6666" } as never,
    }).sale;
    recordReturn({
      db,
      source: "staff",
      now,
      input: {
        sale_id: known.id,
        kind: "exchange",
        items: [{ product_id: bagelId, quantity: 1 }],
        given: [{ product_id: bagelId, quantity: 1 }],
        refund: 0,
        method: "cash",
      },
    });

    // A return against the first hand-over.
    recordReturn({
      db,
      source: "staff",
      now,
      input: { order_id: a, items: [{ product_id: bagelId, quantity: 1 }], refund: 3_500, method: "card" },
    });

    const kept = sequence();
    const keptSums = daySums();
    // The anonymous sale, the known customer's and every hand-over are in the day sums; the undone hand-over is not.
    const store = (keptSums.days as { channel: string; purchases: number; identified: number; claimed: number }[]).filter(
      (r) => r.channel === "store",
    );
    expect(store.reduce((s, r) => [s[0] + r.purchases, s[1] + r.identified, s[2] + r.claimed], [0, 0, 0])).toEqual([4, 3, 1]);
    expect(keptSums.leads.map((r) => (r as { order_id: number }).order_id)).toEqual(expect.arrayContaining([a, d]));
    expect(keptSums.leads.map((r) => (r as { order_id: number }).order_id)).not.toContain(c);
    // Today: a, d picked up, b cancelled, one no-show (the other undone); the two imported pre-orders on their own dates.
    expect(keptSums.outcomes.find((r) => (r as { pickup_date: string }).pickup_date === today)).toEqual({
      pickup_date: today,
      final: 4,
      picked_up: 2,
      no_show: 1,
      prepaid: 0,
      prepaid_no_show: 0,
    });
    expect(keptSums.outcomes).toHaveLength(3);
    // Three customers: 김단골 (import web, import store, order a), 박손님 (import phone, order d, claimed sale) and the counter sale's.
    expect(kept).toHaveLength(7);
    expect(kept.filter((r) => (r as { prev_day: number | null }).prev_day !== null)).not.toHaveLength(0);
    // The rollups hold every rate applied (the import's purchases have no credit), a lead time with an arrival, and a gap.
    expect(new Set(keptSums.rates.map((r) => (r as { rate_bp: number }).rate_bp)).size).toBeGreaterThan(1);
    expect(keptSums.leadDays.filter((r) => (r as { bucket: number }).bucket >= 0)).not.toHaveLength(0);
    expect(keptSums.gaps).not.toHaveLength(0);
    expect(rebuildPurchaseSequence({ db }).rows).toBe(7);
    expect(sequence()).toEqual(kept);
    expect(daySums()).toEqual(keptSums);

    const from = addDays(today, -60);
    const strip = (m: ReturnType<typeof computeMetrics>) => ({ ...m, generated_at: null });
    expect(strip(computeMetrics({ db, from, to: today, now }))).toEqual(strip(computeMetrics({ db, from, to: today, now, scan: true })));
  });

  it("the demo history, written in one batch, equals a rebuild too", () => {
    db = freshDb();
    createShop({ db, input: { shopName: "데모 빵집", email: "owner@example.com", password: "correct-horse-9" } });
    seedDemo({ db, now });
    const kept = sequence();
    const keptSums = daySums();
    expect(kept.length).toBeGreaterThan(100);
    expect(keptSums.days.length).toBeGreaterThan(10);
    rebuildPurchaseSequence({ db });
    expect(sequence()).toEqual(kept);
    expect(daySums()).toEqual(keptSums);
  });
});
