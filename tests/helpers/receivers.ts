/**
 * Local stand-ins for what the outbox talks to, each on an ephemeral port: a webhook receiver
 * that verifies signatures with the official `standardwebhooks` verifier, a push service that
 * decrypts what it receives (RFC 8291 aes128gcm, with node:crypto), and a SOLAPI fake that
 * checks the HMAC authorisation and the body as the provider documents them.
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

type Handler = (req: http.IncomingMessage, body: Buffer) => { status: number; body?: string } | Promise<{ status: number; body?: string }>;

export async function listen(handler: Handler) {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const answer = await handler(req, Buffer.concat(chunks));
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(answer.body ?? "{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type ReceivedWebhook = { id: string; type: string; data: Record<string, unknown>; timestamp: string };

/** Verifies every delivery with `new Webhook(secret).verify`; `down` answers 503 while true. */
export async function startWebhookReceiver(options: { secret?: () => string; delayMs?: number; onRequest?: (count: number) => void } = {}) {
  const received: ReceivedWebhook[] = [];
  const rejected: string[] = [];
  const state = { down: false, requests: 0 };
  const server = await listen(async (req, body) => {
    state.requests++;
    options.onRequest?.(state.requests);
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    if (state.down) return { status: 503 };
    const headers = {
      "webhook-id": String(req.headers["webhook-id"]),
      "webhook-timestamp": String(req.headers["webhook-timestamp"]),
      "webhook-signature": String(req.headers["webhook-signature"]),
    };
    try {
      const payload = new Webhook(options.secret?.() ?? "").verify(body.toString("utf8"), headers) as {
        type: string;
        data: Record<string, unknown>;
        timestamp: string;
      };
      if (req.headers["content-type"] !== "application/json") throw new Error(`content-type ${req.headers["content-type"]}`);
      received.push({ id: headers["webhook-id"], ...payload });
      return { status: 204 };
    } catch (e) {
      rejected.push((e as Error).message);
      return { status: 400 };
    }
  });
  return { ...server, received, rejected, state, uniqueIds: () => new Set(received.map((r) => r.id)) };
}

// ---------------------------------------------------------------- push (RFC 8291)

/** A browser-side subscription: the P-256 key pair and auth secret a push service never sees. */
export function newPushSubscriber(endpoint: string) {
  const ecdh = crypto.createECDH("prime256v1");
  ecdh.generateKeys();
  const auth = crypto.randomBytes(16);
  return {
    subscription: { endpoint, keys: { p256dh: ecdh.getPublicKey().toString("base64url"), auth: auth.toString("base64url") } },
    decrypt: (body: Buffer) => decryptAes128gcm(body, ecdh, auth),
  };
}

const hmac = (key: Buffer, data: Buffer) => crypto.createHmac("sha256", key).update(data).digest();

/** RFC 8291 §3.4 + RFC 8188: one record, header salt‖rs‖idlen‖keyid(sender public key). */
export function decryptAes128gcm(body: Buffer, receiver: crypto.ECDH, authSecret: Buffer): string {
  const salt = body.subarray(0, 16);
  const idlen = body[20];
  const senderPublic = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);
  const ecdhSecret = receiver.computeSecret(senderPublic);
  const prkKey = hmac(authSecret, ecdhSecret);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), receiver.getPublicKey(), senderPublic, Buffer.from([1])]);
  const ikm = hmac(prkKey, keyInfo);
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from("Content-Encoding: aes128gcm\0\x01", "binary")).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from("Content-Encoding: nonce\0\x01", "binary")).subarray(0, 12);
  const decipher = crypto.createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02 followed by zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("bad padding delimiter");
  return padded.subarray(0, end).toString("utf8");
}

export type ReceivedPush = { title: string; body: string; url: string };

/** A push service endpoint: requires VAPID authorisation and aes128gcm, decrypts each message. */
export async function startPushReceiver() {
  const received: ReceivedPush[] = [];
  const subscribers = new Map<string, ReturnType<typeof newPushSubscriber>>();
  const server = await listen((req, body) => {
    const sub = subscribers.get(req.url ?? "");
    if (!sub) return { status: 410 };
    if (req.headers["content-encoding"] !== "aes128gcm") return { status: 400 };
    if (!/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/.test(String(req.headers.authorization))) return { status: 401 };
    received.push(JSON.parse(sub.decrypt(body)) as ReceivedPush);
    return { status: 201 };
  });
  return {
    ...server,
    received,
    /** A new subscription whose endpoint is this server. */
    subscribe(name: string = crypto.randomUUID()) {
      const sub = newPushSubscriber(`${server.url}/push/${name}`);
      subscribers.set(`/push/${name}`, sub);
      return sub.subscription;
    },
  };
}

// ---------------------------------------------------------------- SOLAPI

export type SolapiMessage = {
  to: string;
  from: string;
  text: string;
  type?: string;
  kakaoOptions?: { pfId: string; templateId: string; disableSms: boolean };
};

/**
 * SOLAPI's `POST /messages/v4/send-many/detail`: 401 unless the Authorization header is
 * `HMAC-SHA256 apiKey=…, date=…, salt=…, signature=hex(HMAC-SHA256(secret, date+salt))` with a
 * recent date; 400 unless the body is `{messages: [{to, from, text, …}]}`.
 */
export async function startFakeSolapi({ apiKey, apiSecret }: { apiKey: string; apiSecret: string }) {
  const received: SolapiMessage[] = [];
  const state = { failNext: 0 };
  const server = await listen((req, body) => {
    if (req.method !== "POST" || req.url !== "/messages/v4/send-many/detail") return { status: 404 };
    const auth = /^HMAC-SHA256 apiKey=([^,]+), date=([^,]+), salt=([^,]+), signature=([0-9a-f]{64})$/.exec(
      String(req.headers.authorization),
    );
    if (!auth || auth[1] !== apiKey) return { status: 401, body: JSON.stringify({ errorCode: "InvalidAPIKey" }) };
    const expected = crypto
      .createHmac("sha256", apiSecret)
      .update(auth[2] + auth[3])
      .digest("hex");
    if (expected !== auth[4] || Math.abs(Date.now() - Date.parse(auth[2])) > 15 * 60_000)
      return { status: 401, body: JSON.stringify({ errorCode: "SignatureDoesNotMatch" }) };
    const parsed = JSON.parse(body.toString("utf8")) as { messages?: SolapiMessage[] };
    if (
      !Array.isArray(parsed.messages) ||
      !parsed.messages.every((m) => /^\d{9,11}$/.test(m.to) && /^\d{8,11}$/.test(m.from) && typeof m.text === "string" && m.text)
    ) {
      return { status: 400, body: JSON.stringify({ errorCode: "ValidationError" }) };
    }
    if (state.failNext > 0) {
      state.failNext--;
      return { status: 500, body: JSON.stringify({ errorCode: "InternalError" }) };
    }
    received.push(...parsed.messages);
    return { status: 200, body: JSON.stringify({ groupInfo: { count: { total: parsed.messages.length } }, failedMessageList: [] }) };
  });
  return { ...server, received, state };
}
