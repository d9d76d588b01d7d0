/**
 * Prepayment through the provider (Toss Payments, ./adapters/toss.ts): confirming a payment
 * the customer authorised, the provider's webhook, refunds, and the sweeper.
 *
 * Confirming runs in three steps, so no network call ever sits inside a transaction:
 * 1. one order command checks the redirect against the order itself — its provider order id,
 *    its own total (a tampered amount is refused before the provider hears of it), its hold —
 *    and keeps the hold a little longer while the provider answers (`CONFIRM_GRACE_MS`);
 * 2. the provider confirms (a timeout is tried again; "already processed" is read back);
 * 3. one order command records the payment — a `payment` order event with the key, the
 *    provider's method, the approved time and the amount — and the order becomes `placed`.
 *    Step 3 is idempotent: a double redirect, a retry and the webhook record it once.
 * A payment that arrives for an order whose hold already ended is recorded and refunded.
 */
import { and, eq, gt, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orders, type Order } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordOrderEvent, runOrderCommand, type Actor } from "@/lib/orders/command";
import { findOrderByToken } from "@/lib/orders/customer-actions";
import { applyStatusChange, getOrderForUpdate, UNDO_WINDOW_MS } from "@/lib/orders/status";
import {
  cancelledTotal,
  cancelTossPayment,
  confirmTossPayment,
  getTossPayment,
  tossConfig,
  tossTime,
  type TossConfig,
  type TossPayment,
  type TossResult,
} from "@/lib/payments/adapters/toss";
import { expireHolds } from "./holds";

/** How much longer a hold lasts while the provider confirms a payment made in time. */
export const CONFIRM_GRACE_MS = 60_000;

function requireConfig(config: TossConfig | null | undefined): TossConfig {
  const c = config ?? tossConfig();
  if (!c) throw new AppError("payment_unavailable");
  return c;
}

export type ConfirmRedirect = { token: string; paymentKey: string; orderId: string; amount: number };

/** Step 1: check the success redirect against the order; "paid" when it was recorded already. */
export function beginConfirm({ db, now = Date.now(), redirect }: { db: Db; now?: number; redirect: ConfirmRedirect }): {
  state: "paid" | "confirm" | "expired";
  order: Order;
} {
  return runOrderCommand({ db, now }, (cmd) => {
    const order = findOrderByToken({ db: cmd.tx, token: redirect.token });
    if (!order || !order.paymentOrderId || order.paymentOrderId !== redirect.orderId)
      throw new AppError("not_found", { message: "payment_order_unknown" });
    if (order.prepaidAmount > 0) {
      if (order.paymentKey !== redirect.paymentKey) throw new AppError("conflict", { message: "payment_already_paid" });
      return { state: "paid", order };
    }
    // The amount is the order's own total, whatever the redirect says.
    if (redirect.amount !== order.total) throw new AppError("payment_amount_mismatch");
    if (order.status !== "awaiting_payment" || (order.holdUntil ?? 0) <= now) {
      if (order.status === "awaiting_payment") applyStatusChange(cmd, { order, to: "expired", actor: { type: "system" } });
      return { state: "expired", order };
    }
    const kept = cmd.tx
      .update(orders)
      .set({ paymentKey: redirect.paymentKey, holdUntil: Math.max(order.holdUntil ?? 0, now + CONFIRM_GRACE_MS) })
      .where(eq(orders.id, order.id))
      .returning()
      .get();
    return { state: "confirm", order: kept };
  });
}

/** Step 2: the provider confirms; a timeout or network failure is tried once more, "already processed" is read back. */
export async function confirmWithProvider(
  config: TossConfig,
  input: { paymentKey: string; orderId: string; amount: number },
  attempts = 2,
): Promise<TossResult<TossPayment>> {
  let last: TossResult<TossPayment> = { ok: false, code: "NOT_TRIED", message: "", status: null };
  for (let i = 0; i < attempts; i++) {
    last = await confirmTossPayment(config, input);
    if (last.ok) return last;
    if (last.code === "ALREADY_PROCESSED_PAYMENT") {
      const read = await getTossPayment(config, input.paymentKey);
      if (read.ok && read.value.status === "DONE") return read;
      return last;
    }
    if (last.code !== "TIMEOUT" && last.code !== "NETWORK" && !(last.status && last.status >= 500)) return last;
  }
  return last;
}

/**
 * Step 3: record a payment the provider says is done, once. An order still awaiting payment
 * becomes `placed`; an order whose hold ended (or that was called off) keeps the record and
 * owes the whole amount back.
 */
export function recordPayment({
  db,
  now = Date.now(),
  orderId,
  payment,
  actor = { type: "customer" },
}: {
  db: Db;
  now?: number;
  orderId: number;
  payment: TossPayment;
  actor?: Actor;
}): { order: Order; recorded: boolean } {
  return runOrderCommand({ db, now }, (cmd) => {
    const order = getOrderForUpdate({ db: cmd.tx, orderId });
    if (order.prepaidAmount > 0) return { order, recorded: false };
    if (payment.status !== "DONE" || payment.orderId !== order.paymentOrderId || payment.totalAmount !== order.total) {
      throw new AppError("payment_amount_mismatch");
    }
    const live = order.status === "awaiting_payment";
    const paid = cmd.tx
      .update(orders)
      .set({
        paymentStatus: "paid",
        paymentMethod: "online",
        paymentKey: payment.paymentKey,
        prepaidAmount: payment.totalAmount,
        refundOwed: live ? 0 : payment.totalAmount,
      })
      .where(eq(orders.id, order.id))
      .returning()
      .get();
    recordOrderEvent(cmd, {
      kind: "payment",
      before: order,
      after: paid,
      actor,
      online: {
        amount: payment.totalAmount,
        paymentKey: payment.paymentKey,
        providerMethod: payment.method,
        approvedAt: tossTime(payment.approvedAt) ?? now,
      },
    });
    const after = live ? applyStatusChange(cmd, { order: paid, to: "placed", actor, extra: { holdUntil: null } }) : paid;
    return { order: after, recorded: true };
  });
}

export type ConfirmOutcome =
  { state: "paid"; order: Order } | { state: "expired"; order: Order } | { state: "failed"; order: Order; code: string; message: string };

/** The success redirect, whole: steps 1–3. A payment confirmed after its hold ended is refunded at once. */
export async function confirmPrepayment({
  db,
  redirect,
  config,
  now,
}: {
  db: Db;
  redirect: ConfirmRedirect;
  config?: TossConfig | null;
  now?: () => number;
}): Promise<ConfirmOutcome> {
  const c = requireConfig(config);
  const clock = now ?? Date.now;
  const begun = beginConfirm({ db, now: clock(), redirect });
  if (begun.state !== "confirm") return { state: begun.state, order: begun.order };
  const result = await confirmWithProvider(c, { paymentKey: redirect.paymentKey, orderId: redirect.orderId, amount: begun.order.total });
  if (!result.ok)
    return { state: "failed", order: getOrderForUpdate({ db, orderId: begun.order.id }), code: result.code, message: result.message };
  const { order } = recordPayment({ db, now: clock(), orderId: begun.order.id, payment: result.value });
  if (order.status === "expired" || order.status === "cancelled") {
    await settleRefunds({ db, config: c, now: clock(), orderId: order.id });
    return { state: "expired", order: getOrderForUpdate({ db, orderId: order.id }) };
  }
  return { state: "paid", order };
}

/** Record what the provider refunded beyond what the order shows, as one `refund` event (idempotent). */
export function recordRefund({
  db,
  now = Date.now(),
  orderId,
  payment,
  actor = { type: "system" },
}: {
  db: Db;
  now?: number;
  orderId: number;
  payment: TossPayment;
  actor?: Actor;
}): { order: Order; amount: number } {
  return runOrderCommand({ db, now }, (cmd) => {
    const order = getOrderForUpdate({ db: cmd.tx, orderId });
    const refunded = Math.min(order.prepaidAmount, cancelledTotal(payment));
    const amount = refunded - order.refundedAmount;
    if (amount <= 0) return { order, amount: 0 };
    const updated = cmd.tx
      .update(orders)
      .set({ refundedAmount: refunded, refundOwed: Math.max(order.refundOwed, refunded) })
      .where(eq(orders.id, order.id))
      .returning()
      .get();
    const last = (payment.cancels ?? []).at(-1);
    recordOrderEvent(cmd, {
      kind: "refund",
      before: order,
      after: updated,
      actor,
      note: last?.cancelReason ?? null,
      online: { amount, paymentKey: payment.paymentKey, approvedAt: tossTime(last?.canceledAt) ?? now },
    });
    return { order: updated, amount };
  });
}

/**
 * Send every refund owed (or only `orderId`'s) through the provider and record it. A refund
 * of a no-show or cancel waits out the undo window first. The idempotency key names the
 * order and the amount owed, so a retried call refunds once.
 */
export async function settleRefunds({
  db,
  config,
  now = Date.now(),
  orderId,
}: {
  db: Db;
  config?: TossConfig | null;
  now?: number;
  orderId?: number;
}): Promise<number> {
  const c = requireConfig(config);
  const settled = now - UNDO_WINDOW_MS;
  const due = db
    .select()
    .from(orders)
    .where(
      and(
        gt(orders.refundOwed, orders.refundedAmount),
        isNotNull(orders.paymentKey),
        inArray(orders.status, ["cancelled", "no_show", "expired"]),
        orderId ? eq(orders.id, orderId) : sql`coalesce(${orders.cancelledAt}, ${orders.noShowAt}, 0) <= ${settled}`,
      ),
    )
    .all();
  let done = 0;
  for (const order of due) {
    const amount = order.refundOwed - order.refundedAmount;
    const result = await cancelTossPayment(c, {
      paymentKey: order.paymentKey!,
      cancelReason: `Order ${order.code} ${order.status}`,
      cancelAmount: amount === order.prepaidAmount - order.refundedAmount && order.refundedAmount === 0 ? undefined : amount,
      idempotencyKey: `refund-${order.id}-${order.refundOwed}`,
    });
    if (!result.ok) {
      console.error(`refund of order ${order.id}: ${result.code} ${result.message}`);
      continue;
    }
    if (recordRefund({ db, now, orderId: order.id, payment: result.value }).amount > 0) done++;
  }
  return done;
}

/**
 * The provider's webhook (`PAYMENT_STATUS_CHANGED`): never trusted as sent — the payment is
 * read back from the provider, and what it says is recorded once (a replay changes nothing).
 */
export async function handleTossWebhook({
  db,
  body,
  config,
  now,
}: {
  db: Db;
  body: unknown;
  config?: TossConfig | null;
  now?: () => number;
}): Promise<{ handled: boolean }> {
  const c = requireConfig(config);
  const clock = now ?? Date.now;
  const paymentKey = (body as { data?: { paymentKey?: unknown } } | null)?.data?.paymentKey;
  if (typeof paymentKey !== "string" || !paymentKey || paymentKey.length > 200)
    throw new AppError("validation", { message: "webhook_payment_key" });
  const read = await getTossPayment(c, paymentKey);
  if (!read.ok) return { handled: false };
  const payment = read.value;
  const order = db.select().from(orders).where(eq(orders.paymentOrderId, payment.orderId)).get();
  if (!order) return { handled: false };
  if (payment.status === "DONE" && order.prepaidAmount === 0 && payment.totalAmount === order.total) {
    recordPayment({ db, now: clock(), orderId: order.id, payment, actor: { type: "system" } });
  }
  if (payment.status === "CANCELED" || payment.status === "PARTIAL_CANCELED") {
    if (order.prepaidAmount === 0 && payment.totalAmount === order.total)
      recordPayment({ db, now: clock(), orderId: order.id, payment: { ...payment, status: "DONE" }, actor: { type: "system" } });
    recordRefund({ db, now: clock(), orderId: order.id, payment });
  }
  await settleRefunds({ db, config: c, now: clock(), orderId: order.id });
  return { handled: true };
}

/**
 * The sweeper (the server's worker every few seconds; `npm run cli -- payments-sweep`):
 * expire ended holds; read back any payment whose confirmation was cut short (a timeout the
 * provider did complete is recorded, then refunded as its hold ended); send refunds owed.
 */
export async function sweepPayments({
  db,
  config,
  now = Date.now(),
}: {
  db: Db;
  config?: TossConfig | null;
  now?: number;
}): Promise<{ expired: number; recovered: number; refunded: number }> {
  const expired = expireHolds({ db, now }).length;
  const c = config === undefined ? tossConfig() : config;
  if (!c) return { expired, recovered: 0, refunded: 0 };
  let recovered = 0;
  const cutShort = db
    .select()
    .from(orders)
    .where(
      and(
        inArray(orders.status, ["expired", "cancelled"]),
        isNotNull(orders.paymentKey),
        eq(orders.prepaidAmount, 0),
        lte(orders.placedAt, now),
      ),
    )
    .limit(50)
    .all();
  for (const order of cutShort) {
    const read = await getTossPayment(c, order.paymentKey!);
    if (read.ok && read.value.status === "DONE" && read.value.orderId === order.paymentOrderId && read.value.totalAmount === order.total) {
      recordPayment({ db, now, orderId: order.id, payment: read.value, actor: { type: "system" } });
      recovered++;
    } else if (read.ok || read.code === "NOT_FOUND_PAYMENT") {
      // Nothing was taken: forget the key, so the order is not read back again.
      db.update(orders).set({ paymentKey: null }).where(eq(orders.id, order.id)).run();
    }
  }
  const refunded = await settleRefunds({ db, config: c, now });
  return { expired, recovered, refunded };
}
