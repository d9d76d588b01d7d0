/**
 * A local stand-in for Toss Payments, implementing the documented calls the app makes:
 * `POST /v1/payments/confirm`, `GET /v1/payments/{paymentKey}`, `POST /v1/payments/{paymentKey}/cancel`
 * (Basic authorisation with the secret key, `{code, message}` errors, `Idempotency-Key` on
 * cancels), the `PAYMENT_STATUS_CHANGED` webhook, and a checkout page in place of the
 * payment widget (which loads from Toss's site): it authorises a payment and redirects to
 * the success URL with `paymentType`, `orderId`, `paymentKey` and `amount`, or to the fail
 * URL with `code`, `message` and `orderId` (card declined, window closed).
 *
 * Test controls (not part of Toss): `POST /__fake/behaviour` {confirmDelayMs, declineConfirm},
 * `POST /__fake/webhook/{paymentKey}` sends the webhook again, `GET /__fake/state`.
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type FakePayment = {
  mId: string;
  paymentKey: string;
  orderId: string;
  orderName: string;
  status: "READY" | "IN_PROGRESS" | "DONE" | "CANCELED" | "PARTIAL_CANCELED" | "ABORTED";
  method: string | null;
  currency: "KRW";
  totalAmount: number;
  balanceAmount: number;
  requestedAt: string;
  approvedAt: string | null;
  cancels: { cancelAmount: number; cancelReason: string; canceledAt: string; transactionKey: string }[] | null;
};

export type TossFakeBehaviour = {
  /** Answer confirm this late. */
  confirmDelayMs: number;
  /** With a delay: approve it anyway (a timeout the provider completed), or never approve (the provider is stuck). */
  approveLateConfirm: boolean;
  /** Refuse every confirm as a declined card. */
  declineConfirm: boolean;
};

export const FAKE_SECRET_KEY = "test_sk_fake_secret";
export const FAKE_CLIENT_KEY = "test_ck_fake_client";

export async function startTossFake({
  port = 0,
  secretKey = FAKE_SECRET_KEY,
  webhookUrl,
}: { port?: number; secretKey?: string; webhookUrl?: string } = {}) {
  const payments = new Map<string, FakePayment>();
  const cancelsByKey = new Map<string, { status: number; body: unknown }>();
  const behaviour: TossFakeBehaviour = { confirmDelayMs: 0, approveLateConfirm: true, declineConfirm: false };
  const calls = { confirm: 0, cancel: 0, get: 0, webhooks: 0 };
  const state = { webhookUrl };

  async function sendWebhook(payment: FakePayment) {
    if (!state.webhookUrl) return;
    calls.webhooks++;
    try {
      await fetch(state.webhookUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ eventType: "PAYMENT_STATUS_CHANGED", createdAt: new Date().toISOString(), data: payment }),
      });
    } catch {
      // The receiver being down is the receiver's problem; Toss retries, the fake does not.
    }
  }

  const json = (status: number, body: unknown) => ({ status, body: JSON.stringify(body), type: "application/json" });
  const error = (status: number, code: string, message: string) => json(status, { code, message });

  async function handle(
    req: http.IncomingMessage,
    raw: string,
  ): Promise<{ status: number; body: string; type: string; location?: string }> {
    const url = new URL(req.url ?? "/", "http://fake");
    const path = url.pathname;

    if (req.method === "GET" && path === "/checkout") return checkoutPage(url.searchParams);
    if (req.method === "POST" && path === "/checkout/authorize") {
      const form = new URLSearchParams(raw);
      const outcome = form.get("outcome");
      const orderId = form.get("orderId") ?? "";
      if (outcome === "decline" || outcome === "close") {
        const fail = new URL(form.get("failUrl") ?? "");
        fail.searchParams.set("code", outcome === "decline" ? "REJECT_CARD_PAYMENT" : "PAY_PROCESS_CANCELED");
        fail.searchParams.set(
          "message",
          outcome === "decline" ? "한도초과 혹은 잔액부족으로 결제에 실패했습니다." : "사용자에 의해 결제가 취소되었습니다.",
        );
        fail.searchParams.set("orderId", orderId);
        return { status: 302, body: "", type: "text/plain", location: fail.toString() };
      }
      const amount = Number(form.get("amount"));
      const paymentKey = `tgen_${crypto.randomBytes(12).toString("hex")}`;
      payments.set(paymentKey, {
        mId: "tosspayments",
        paymentKey,
        orderId,
        orderName: form.get("orderName") ?? "",
        status: "IN_PROGRESS",
        method: "카드",
        currency: "KRW",
        totalAmount: amount,
        balanceAmount: amount,
        requestedAt: new Date().toISOString(),
        approvedAt: null,
        cancels: null,
      });
      const success = new URL(form.get("successUrl") ?? "");
      success.searchParams.set("paymentType", "NORMAL");
      success.searchParams.set("orderId", orderId);
      success.searchParams.set("paymentKey", paymentKey);
      // A tampered redirect: the amount in the URL is not what was authorised.
      success.searchParams.set("amount", String(form.get("tamper") ? amount - 1000 : amount));
      return { status: 302, body: "", type: "text/plain", location: success.toString() };
    }
    if (req.method === "POST" && path === "/__fake/behaviour") {
      Object.assign(behaviour, JSON.parse(raw || "{}"));
      return json(200, behaviour);
    }
    if (req.method === "GET" && path === "/__fake/state") return json(200, { calls, behaviour, payments: [...payments.values()] });
    const replay = /^\/__fake\/webhook\/([^/]+)$/.exec(path);
    if (req.method === "POST" && replay) {
      const payment = payments.get(decodeURIComponent(replay[1]));
      if (!payment) return error(404, "NOT_FOUND_PAYMENT", "존재하지 않는 결제 정보 입니다.");
      await sendWebhook(payment);
      return json(200, { sent: true });
    }

    if (!path.startsWith("/v1/")) return error(404, "NOT_FOUND", "not found");
    if (req.headers.authorization !== `Basic ${Buffer.from(`${secretKey}:`).toString("base64")}`) {
      return error(401, "UNAUTHORIZED_KEY", "인증되지 않은 시크릿 키 혹은 클라이언트 키 입니다.");
    }
    if (req.method === "POST" && path === "/v1/payments/confirm") {
      calls.confirm++;
      const body = JSON.parse(raw || "{}") as { paymentKey?: string; orderId?: string; amount?: number };
      const payment = body.paymentKey ? payments.get(body.paymentKey) : undefined;
      if (!payment) return error(404, "NOT_FOUND_PAYMENT", "존재하지 않는 결제 정보 입니다.");
      if (payment.status === "DONE" || payment.status === "CANCELED" || payment.status === "PARTIAL_CANCELED")
        return error(400, "ALREADY_PROCESSED_PAYMENT", "이미 처리된 결제 입니다.");
      if (payment.orderId !== body.orderId || payment.totalAmount !== body.amount)
        return error(400, "INVALID_REQUEST", "결제 금액 또는 주문번호가 일치하지 않습니다.");
      if (behaviour.declineConfirm) {
        payment.status = "ABORTED";
        return error(403, "REJECT_CARD_PAYMENT", "한도초과 혹은 잔액부족으로 결제에 실패했습니다.");
      }
      if (behaviour.confirmDelayMs && !behaviour.approveLateConfirm) {
        await new Promise((r) => setTimeout(r, behaviour.confirmDelayMs));
        return error(504, "FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING", "결제가 완료되지 않았어요. 다시 시도해주세요.");
      }
      payment.status = "DONE";
      payment.approvedAt = new Date().toISOString();
      if (behaviour.confirmDelayMs) await new Promise((r) => setTimeout(r, behaviour.confirmDelayMs));
      void sendWebhook(payment);
      return json(200, payment);
    }
    const one = /^\/v1\/payments\/([^/]+)$/.exec(path);
    if (req.method === "GET" && one) {
      calls.get++;
      const payment = payments.get(decodeURIComponent(one[1]));
      return payment ? json(200, payment) : error(404, "NOT_FOUND_PAYMENT", "존재하지 않는 결제 정보 입니다.");
    }
    const cancel = /^\/v1\/payments\/([^/]+)\/cancel$/.exec(path);
    if (req.method === "POST" && cancel) {
      calls.cancel++;
      const idem = String(req.headers["idempotency-key"] ?? "");
      if (idem && cancelsByKey.has(idem)) {
        const seen = cancelsByKey.get(idem)!;
        return json(seen.status, seen.body);
      }
      const payment = payments.get(decodeURIComponent(cancel[1]));
      if (!payment) return error(404, "NOT_FOUND_PAYMENT", "존재하지 않는 결제 정보 입니다.");
      const body = JSON.parse(raw || "{}") as { cancelReason?: string; cancelAmount?: number };
      if (!body.cancelReason) return error(400, "INVALID_REQUEST", "cancelReason is required");
      if (payment.status !== "DONE" && payment.status !== "PARTIAL_CANCELED")
        return error(400, "NOT_CANCELABLE_PAYMENT", "취소 할 수 없는 결제 입니다.");
      const amount = body.cancelAmount ?? payment.balanceAmount;
      if (amount <= 0 || amount > payment.balanceAmount) return error(400, "NOT_CANCELABLE_AMOUNT", "취소 할 수 없는 금액 입니다.");
      payment.balanceAmount -= amount;
      payment.status = payment.balanceAmount === 0 ? "CANCELED" : "PARTIAL_CANCELED";
      payment.cancels = [
        ...(payment.cancels ?? []),
        {
          cancelAmount: amount,
          cancelReason: body.cancelReason,
          canceledAt: new Date().toISOString(),
          transactionKey: crypto.randomBytes(8).toString("hex"),
        },
      ];
      const answer = { status: 200, body: structuredClone(payment) };
      if (idem) cancelsByKey.set(idem, answer);
      void sendWebhook(payment);
      return json(200, answer.body);
    }
    return error(404, "NOT_FOUND", "not found");
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      try {
        const answer = await handle(req, Buffer.concat(chunks).toString("utf8"));
        res.writeHead(answer.status, {
          "content-type": answer.type + "; charset=utf-8",
          ...(answer.location ? { location: answer.location } : {}),
        });
        res.end(answer.body);
      } catch (e) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ code: "FAKE_ERROR", message: (e as Error).message }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    payments,
    behaviour,
    calls,
    state,
    /** Send the webhook for a payment again (a replay). */
    resendWebhook: (paymentKey: string) => sendWebhook(payments.get(paymentKey)!),
    /** Authorise a payment as the checkout page does and return the success redirect's values. */
    authorise: async ({ orderId, amount, orderName = "order" }: { orderId: string; amount: number; orderName?: string }) => {
      const res = await fetch(`${url}/checkout/authorize`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          outcome: "pay",
          orderId,
          amount: String(amount),
          orderName,
          successUrl: "http://app.test/ok",
          failUrl: "http://app.test/fail",
        }).toString(),
      });
      const location = new URL(res.headers.get("location")!);
      return { paymentKey: location.searchParams.get("paymentKey")!, orderId, amount: Number(location.searchParams.get("amount")) };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The stand-in for the widget: the amount, and buttons for each outcome. */
function checkoutPage(params: URLSearchParams) {
  const hidden = ["orderId", "orderName", "amount", "successUrl", "failUrl"]
    .map((k) => `<input type="hidden" name="${k}" value="${esc(params.get(k) ?? "")}">`)
    .join("");
  const body = `<!doctype html><html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Toss fake checkout</title>
<style>body{font-family:sans-serif;max-width:26rem;margin:2rem auto;padding:0 1rem}button{display:block;width:100%;min-height:3rem;margin:.5rem 0;font-size:1.1rem}</style></head>
<body><h1>테스트 결제창</h1><p>${esc(params.get("orderName") ?? "")}</p><p data-testid="fake-amount">${esc(params.get("amount") ?? "")}원</p>
<form method="post" action="/checkout/authorize">${hidden}
<button name="outcome" value="pay">결제하기</button>
<button name="outcome" value="decline">카드 거절</button>
<button name="outcome" value="close">결제창 닫기</button>
<label><input type="checkbox" name="tamper" value="1"> 금액 바꿔치기</label>
</form></body></html>`;
  return { status: 200, body, type: "text/html" };
}
