/**
 * Toss Payments (토스페이먼츠) core API, v1, with the secret key as Basic authorisation
 * (`base64(secretKey + ":")`):
 * - `POST /v1/payments/confirm` {paymentKey, orderId, amount} approves a payment the widget
 *   authorised (the success redirect carries the three values);
 * - `POST /v1/payments/{paymentKey}/cancel` {cancelReason, cancelAmount?} refunds all or part
 *   (an `Idempotency-Key` header makes a retried refund happen once);
 * - `GET /v1/payments/{paymentKey}` reads a payment: webhooks are not signed, so their news
 *   is always checked by reading the payment back.
 * Errors answer `{code, message}` (e.g. `ALREADY_PROCESSED_PAYMENT`, `REJECT_CARD_PAYMENT`).
 *
 * Configuration: TOSS_CLIENT_KEY (the browser widget's key), TOSS_SECRET_KEY, TOSS_API_BASE
 * (default https://api.tosspayments.com; tests point it at tests/fakes/toss.ts), and, for
 * tests only, TOSS_CHECKOUT_URL: the fake's checkout page, which stands in for the widget
 * (the widget's script loads from Toss's site). Without both keys prepayment is not offered.
 */

type Env = Record<string, string | undefined>;

export type TossConfig = { clientKey: string; secretKey: string; baseUrl: string; checkoutUrl: string | null; timeoutMs: number };

export function tossConfig(env: Env = process.env): TossConfig | null {
  if (!env.TOSS_CLIENT_KEY || !env.TOSS_SECRET_KEY) return null;
  return {
    clientKey: env.TOSS_CLIENT_KEY,
    secretKey: env.TOSS_SECRET_KEY,
    baseUrl: (env.TOSS_API_BASE || "https://api.tosspayments.com").replace(/\/+$/, ""),
    checkoutUrl: env.TOSS_CHECKOUT_URL || null,
    timeoutMs: Number(env.TOSS_TIMEOUT_MS) || 10_000,
  };
}

/** Whether prepayment is offered at all: both keys configured. */
export function prepaymentOffered(env: Env = process.env): boolean {
  return tossConfig(env) !== null;
}

/**
 * The widget's origins, the only remote ones the app allows, on the payment step only
 * (lib/web/security-headers.ts): its script, and the frames and calls it makes. Null without keys.
 */
export function tossSources(env: Env = process.env): { script: string[]; frame: string[]; connect: string[] } | null {
  if (!env.TOSS_CLIENT_KEY || !env.TOSS_SECRET_KEY) return null;
  return { script: ["https://js.tosspayments.com"], frame: ["https://*.tosspayments.com"], connect: ["https://*.tosspayments.com"] };
}

/** The fields of Toss's Payment object this app reads. */
export type TossPayment = {
  paymentKey: string;
  orderId: string;
  status: "READY" | "IN_PROGRESS" | "WAITING_FOR_DEPOSIT" | "DONE" | "CANCELED" | "PARTIAL_CANCELED" | "ABORTED" | "EXPIRED";
  method: string | null;
  totalAmount: number;
  balanceAmount: number;
  approvedAt: string | null;
  cancels: { cancelAmount: number; cancelReason: string; canceledAt: string; transactionKey?: string }[] | null;
};

export type TossResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string; status: number | null };

export function tossAuthorization(secretKey: string): string {
  return `Basic ${Buffer.from(`${secretKey}:`).toString("base64")}`;
}

async function call<T>(
  config: TossConfig,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  idempotencyKey?: string,
): Promise<TossResult<T>> {
  try {
    const res = await fetch(`${config.baseUrl}${path}`, {
      method,
      headers: {
        Authorization: tossAuthorization(config.secretKey),
        ...(body ? { "Content-Type": "application/json" } : {}),
        ...(idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      return { ok: false, code: "BAD_RESPONSE", message: text.slice(0, 200), status: res.status };
    }
    if (!res.ok)
      return { ok: false, code: String(json.code ?? `HTTP_${res.status}`), message: String(json.message ?? ""), status: res.status };
    return { ok: true, value: json as T };
  } catch (e) {
    const timeout = (e as Error).name === "TimeoutError" || (e as Error).name === "AbortError";
    return { ok: false, code: timeout ? "TIMEOUT" : "NETWORK", message: (e as Error).message, status: null };
  }
}

export function confirmTossPayment(
  config: TossConfig,
  input: { paymentKey: string; orderId: string; amount: number },
): Promise<TossResult<TossPayment>> {
  return call<TossPayment>(config, "POST", "/v1/payments/confirm", input);
}

export function getTossPayment(config: TossConfig, paymentKey: string): Promise<TossResult<TossPayment>> {
  return call<TossPayment>(config, "GET", `/v1/payments/${encodeURIComponent(paymentKey)}`);
}

export function cancelTossPayment(
  config: TossConfig,
  {
    paymentKey,
    cancelReason,
    cancelAmount,
    idempotencyKey,
  }: { paymentKey: string; cancelReason: string; cancelAmount?: number; idempotencyKey: string },
): Promise<TossResult<TossPayment>> {
  return call<TossPayment>(
    config,
    "POST",
    `/v1/payments/${encodeURIComponent(paymentKey)}/cancel`,
    { cancelReason, ...(cancelAmount !== undefined ? { cancelAmount } : {}) },
    idempotencyKey,
  );
}

/** Toss's ISO time (`2024-02-13T12:18:14+09:00`) as epoch ms. */
export function tossTime(value: string | null | undefined): number | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/** What has been refunded of a payment so far, by Toss's own record. */
export function cancelledTotal(payment: Pick<TossPayment, "cancels">): number {
  return (payment.cancels ?? []).reduce((sum, c) => sum + c.cancelAmount, 0);
}
