/**
 * Prepayment against the local Toss fake (tests/fakes/toss.ts): holds, confirm idempotency,
 * amount tampering, declined cards and timeouts, webhook replay, refunds.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orderEvents, orders, shopSettings, type Order } from "@/db/schema";
import { stockForDate } from "@/lib/inventory/availability";
import { cancelByCustomer } from "@/lib/orders/customer-actions";
import { orderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";
import { changeOrderStatus } from "@/lib/orders/status";
import type { TossConfig } from "@/lib/payments/adapters/toss";
import { confirmPrepayment, handleTossWebhook, settleRefunds, sweepPayments } from "@/lib/prepayment/prepay";
import { rebuildPurchaseSequence } from "@/lib/purchases/sequence";
import { addDays, localDate } from "@/lib/shop/time";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { FAKE_CLIENT_KEY, FAKE_SECRET_KEY, startTossFake } from "@/tests/fakes/toss";

let db: Db;
let shop: ReturnType<typeof shopWithProducts>;
let fake: Awaited<ReturnType<typeof startTossFake>>;
let config: TossConfig;
const date = addDays(localDate(Date.now()), 2);
let phoneNo = 0;

beforeAll(async () => {
  db = freshDb();
  shop = shopWithProducts(db);
  db.update(shopSettings).set({ paymentPolicy: "required", paymentHoldMinutes: 10, prepaidKeepPercent: 30 }).run();
  fake = await startTossFake();
  config = { clientKey: FAKE_CLIENT_KEY, secretKey: FAKE_SECRET_KEY, baseUrl: fake.url, checkoutUrl: null, timeoutMs: 3000 };
});
afterAll(() => fake.close());
beforeEach(() => {
  Object.assign(fake.behaviour, { confirmDelayMs: 0, approveLateConfirm: true, declineConfirm: false });
  plan(db, date, shop.bagel.id, 10);
});

function place(quantity = 2, now = Date.now()): Order {
  phoneNo++;
  return placeOrder({
    db,
    channel: "web",
    now,
    prepaymentOffered: true,
    input: orderInput.parse({
      pickup_date: date,
      slot: "10:00-11:00",
      customer: { name: "선결제 손님", phone: `010-5${String(phoneNo).padStart(3, "0")}-1234` },
      consent: { privacy: true },
      items: [{ product_id: shop.bagel.id, quantity }],
    }),
  }).order;
}

const reload = (id: number) => db.select().from(orders).where(eq(orders.id, id)).get()!;
const events = (id: number, kind: "payment" | "refund") =>
  db
    .select()
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, id), eq(orderEvents.kind, kind)))
    .all();
const available = (now = Date.now()) => stockForDate({ db, date, productIds: [shop.bagel.id], now }).get(shop.bagel.id)!.available;

async function pay(order: Order) {
  const auth = await fake.authorise({ orderId: order.paymentOrderId!, amount: order.total });
  return { auth, redirect: { token: order.token, ...auth } };
}

describe("holds", () => {
  it("places a prepaid order awaiting payment, holding its stock for the set time, then frees it once", () => {
    const before = available();
    const now = Date.now();
    const order = place(3, now);
    expect(order).toMatchObject({ status: "awaiting_payment", holdUntil: now + 10 * 60_000, paymentStatus: "unpaid" });
    expect(available(now)).toBe(before - 3);
    // Lazily: the moment the hold ends every read stops counting it, before any sweeper.
    expect(available(now + 10 * 60_000)).toBe(before);
    expect(reload(order.id).status).toBe("awaiting_payment");
    // The sweeper writes it down; counted zero times, not "minus" once more.
    return sweepPayments({ db, config, now: now + 10 * 60_000 }).then((swept) => {
      expect(swept.expired).toBeGreaterThanOrEqual(1);
      expect(reload(order.id).status).toBe("expired");
      expect(available(now + 10 * 60_000)).toBe(before);
      expect(available()).toBe(before);
    });
  });
});

describe("confirming", () => {
  it("confirms once, records key, method, approved time and amount, and the order becomes placed", async () => {
    const order = place(2);
    const { auth, redirect } = await pay(order);
    // A double redirect: both at once, then once more.
    const [a, b] = await Promise.all([confirmPrepayment({ db, redirect, config }), confirmPrepayment({ db, redirect, config })]);
    const c = await confirmPrepayment({ db, redirect, config });
    for (const r of [a, b, c]) expect(r.state).toBe("paid");
    const row = reload(order.id);
    expect(row).toMatchObject({
      status: "placed",
      paymentStatus: "paid",
      paymentMethod: "online",
      prepaidAmount: order.total,
      paymentKey: auth.paymentKey,
      holdUntil: null,
    });
    const paid = events(order.id, "payment");
    expect(paid).toHaveLength(1);
    expect(paid[0]).toMatchObject({ amount: order.total, paymentKey: auth.paymentKey, providerMethod: "카드", paymentMethod: "online" });
    expect(paid[0].approvedAt).toBeGreaterThan(0);
  });

  it("refuses a tampered amount before the provider hears of it", async () => {
    const order = place(1);
    const { redirect } = await pay(order);
    const confirms = fake.calls.confirm;
    await expect(confirmPrepayment({ db, redirect: { ...redirect, amount: order.total - 1000 }, config })).rejects.toMatchObject({
      code: "payment_amount_mismatch",
    });
    expect(fake.calls.confirm).toBe(confirms);
    expect(reload(order.id)).toMatchObject({ status: "awaiting_payment", prepaidAmount: 0 });
    expect(events(order.id, "payment")).toHaveLength(0);
  });

  it("a declined card leaves the order awaiting payment, unpaid", async () => {
    const order = place(1);
    const { redirect } = await pay(order);
    fake.behaviour.declineConfirm = true;
    const result = await confirmPrepayment({ db, redirect, config });
    expect(result).toMatchObject({ state: "failed", code: "REJECT_CARD_PAYMENT" });
    expect(reload(order.id)).toMatchObject({ status: "awaiting_payment", paymentStatus: "unpaid" });
  });

  it("retries a confirm that timed out and records the payment the provider did approve", async () => {
    const order = place(1);
    const { redirect } = await pay(order);
    Object.assign(fake.behaviour, { confirmDelayMs: 2000, approveLateConfirm: true });
    const result = await confirmPrepayment({ db, redirect, config: { ...config, timeoutMs: 1000 } });
    expect(result.state).toBe("paid");
    expect(events(order.id, "payment")).toHaveLength(1);
  });

  it("a provider that never answers: the hold expires, stock returns, and the order says why", async () => {
    const now = Date.now();
    const before = available(now);
    // Other tests' holds have ended by then: what is free then without this order.
    const laterWithout = available(now + 20 * 60_000);
    const order = place(2, now);
    const { redirect } = await pay(order);
    Object.assign(fake.behaviour, { confirmDelayMs: 1000, approveLateConfirm: false });
    const result = await confirmPrepayment({ db, redirect, config: { ...config, timeoutMs: 400 }, now: () => now + 60_000 });
    expect(result).toMatchObject({ state: "failed", code: "TIMEOUT" });
    expect(available(now + 60_000)).toBe(before - 2);
    // A redirect after the hold ended is told so, and nothing is confirmed.
    Object.assign(fake.behaviour, { confirmDelayMs: 0 });
    const late = await confirmPrepayment({ db, redirect, config, now: () => now + 20 * 60_000 });
    expect(late.state).toBe("expired");
    expect(reload(order.id).status).toBe("expired");
    expect(available(now + 20 * 60_000)).toBe(laterWithout);
  });
});

describe("webhook", () => {
  it("is verified by reading the payment back, and a replay changes nothing", async () => {
    const order = place(1);
    const { auth, redirect } = await pay(order);
    await confirmPrepayment({ db, redirect, config });
    const body = { eventType: "PAYMENT_STATUS_CHANGED", data: { ...fake.payments.get(auth.paymentKey)!, totalAmount: 1 } };
    await handleTossWebhook({ db, body, config });
    await handleTossWebhook({ db, body, config });
    expect(events(order.id, "payment")).toHaveLength(1);
    // A refund made in the provider's dashboard arrives by webhook, once however often it is sent.
    await fetch(`${fake.url}/v1/payments/${auth.paymentKey}/cancel`, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from(`${FAKE_SECRET_KEY}:`).toString("base64")}`,
        "Content-Type": "application/json",
        "Idempotency-Key": "dash-1",
      },
      body: JSON.stringify({ cancelReason: "dashboard", cancelAmount: 1000 }),
    });
    await handleTossWebhook({ db, body, config });
    await handleTossWebhook({ db, body, config });
    expect(events(order.id, "refund").map((e) => e.amount)).toEqual([1000]);
    expect(reload(order.id).refundedAmount).toBe(1000);
  });

  it("pays an order whose customer never came back from the payment window", async () => {
    const order = place(1);
    const { auth } = await pay(order);
    // The provider approved it (e.g. confirmed by an earlier attempt); only the webhook tells.
    const payment = fake.payments.get(auth.paymentKey)!;
    Object.assign(payment, { status: "DONE", approvedAt: new Date().toISOString() });
    await handleTossWebhook({ db, body: { eventType: "PAYMENT_STATUS_CHANGED", data: { paymentKey: auth.paymentKey } }, config });
    expect(reload(order.id)).toMatchObject({ status: "placed", prepaidAmount: order.total });
  });
});

describe("refunds", () => {
  it("a cancel before the cut-off refunds everything through the provider, once", async () => {
    const order = place(2);
    const { auth, redirect } = await pay(order);
    await confirmPrepayment({ db, redirect, config });
    cancelByCustomer({ db, token: order.token });
    expect(reload(order.id).refundOwed).toBe(order.total);
    await settleRefunds({ db, config, orderId: order.id });
    await settleRefunds({ db, config, orderId: order.id });
    expect(fake.payments.get(auth.paymentKey)).toMatchObject({ status: "CANCELED", balanceAmount: 0 });
    expect(events(order.id, "refund").map((e) => e.amount)).toEqual([order.total]);
    expect(reload(order.id)).toMatchObject({ refundedAmount: order.total, status: "cancelled" });
  });

  it("a no-show keeps the shop's share and refunds the rest after the undo window", async () => {
    const order = place(2);
    const { auth, redirect } = await pay(order);
    await confirmPrepayment({ db, redirect, config });
    const now = Date.now();
    changeOrderStatus({ db, orderId: order.id, to: "no_show", actor: { type: "system" }, now });
    const owed = order.total - Math.floor((order.total * 30) / 100);
    expect(reload(order.id).refundOwed).toBe(owed);
    expect(await settleRefunds({ db, config, now: now + 1000 })).toBe(0);
    expect(await settleRefunds({ db, config, now: now + 60_000 })).toBe(1);
    expect(fake.payments.get(auth.paymentKey)).toMatchObject({ status: "PARTIAL_CANCELED", balanceAmount: order.total - owed });
    expect(events(order.id, "refund").map((e) => e.amount)).toEqual([owed]);
  });
});

describe("no-show rate by payment", () => {
  it("splits the no-show rate into prepaid and pay at pickup; expired holds count in neither", async () => {
    const { computeMetrics } = await import("@/lib/metrics");
    const atPickup = placeOrder({
      db,
      channel: "web",
      prepaymentOffered: false,
      input: orderInput.parse({
        pickup_date: date,
        slot: "10:00-11:00",
        customer: { name: "현장 손님", phone: "010-5999-1234" },
        consent: { privacy: true },
        items: [{ product_id: shop.bagel.id, quantity: 1 }],
      }),
    }).order;
    changeOrderStatus({ db, orderId: atPickup.id, to: "no_show", actor: { type: "system" } });
    const m = computeMetrics({ db, from: date, to: date });
    const final = db
      .select()
      .from(orders)
      .where(eq(orders.pickupDate, date))
      .all()
      .filter((o) => ["picked_up", "no_show", "cancelled"].includes(o.status));
    const prepaid = final.filter((o) => o.prepaidAmount > 0);
    expect(m.no_show_rate.by_payment.prepaid).toEqual({ value: 1 / prepaid.length, numerator: 1, denominator: prepaid.length });
    expect(m.no_show_rate.by_payment.at_pickup).toEqual({ value: 1, numerator: 1, denominator: final.length - prepaid.length });
    expect(m.no_show_rate.denominator).toBe(final.length);
    // The outcome counts and the purchase rollups every payment, refund, cancel, expiry and no-show above kept equal a rebuild.
    const derived = () =>
      Object.fromEntries(
        [
          "preorder_outcome_days",
          "purchase_days",
          "pickup_lead_times",
          "pickup_lead_days",
          "purchase_rate_days",
          "revisit_week_days",
          "repurchase_gap_days",
        ].map((t) => [
          t,
          db.$client
            .prepare(`SELECT * FROM ${t}`)
            .all()
            .map((r) => JSON.stringify(r))
            .sort(),
        ]),
      );
    const kept = derived();
    expect(kept.preorder_outcome_days.map((r) => JSON.parse(r))).toContainEqual(
      expect.objectContaining({ pickup_date: date, final: final.length, prepaid: prepaid.length }),
    );
    rebuildPurchaseSequence({ db });
    expect(derived()).toEqual(kept);
    expect(db.select().from(orders).where(eq(orders.status, "expired")).all().length).toBeGreaterThan(0);
  });
});

describe("the sweeper from the CLI", () => {
  it("`payments-sweep` expires ended holds as the worker does", async () => {
    const { spawnSync } = await import("node:child_process");
    const { cliArgs } = await import("@/tests/helpers/node");
    plan(db, date, shop.bagel.id, 50);
    const order = place(1, Date.now() - 20 * 60_000);
    const env = { ...process.env, TOSS_CLIENT_KEY: "", TOSS_SECRET_KEY: "" };
    const run = spawnSync(process.execPath, cliArgs("payments-sweep"), { env, encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/결제 시간 지남 [1-9]\d*건/);
    expect(reload(order.id).status).toBe("expired");
  }, 60_000);
});

describe("export and import", () => {
  it("carries what was prepaid and refunded through an export → import round trip", async () => {
    const { exportOrdersCsv } = await import("@/lib/export/export-orders");
    const { importOrdersCsv } = await import("@/lib/import/import-orders");
    const { parseCsv } = await import("@/lib/import/csv");
    const money = (csv: string) => {
      const [header, ...rows] = parseCsv(csv);
      const col = (name: string) => header.fields.indexOf(name);
      return rows
        .filter((r) => r.fields[col("prepaid")])
        .map((r) => [r.fields[col("external_id")], r.fields[col("prepaid")], r.fields[col("refunded")]])
        .sort();
    };
    const first = exportOrdersCsv({ db, from: date, to: date });
    const paid = money(first);
    expect(paid.length).toBeGreaterThanOrEqual(3);
    expect(paid.some(([, prepaid, refunded]) => refunded !== "" && refunded !== prepaid)).toBe(true);
    const target = freshDb();
    // Live orders take that day's stock on import too.
    plan(target, date, shopWithProducts(target).bagel.id, 50);
    const report = await importOrdersCsv({ db: target, csv: first });
    expect(report.errors).toBe(0);
    expect(money(exportOrdersCsv({ db: target, from: date, to: date }))).toEqual(paid);
    expect(target.select().from(orders).where(eq(orders.status, "awaiting_payment")).all()).toHaveLength(0);
  });
});
