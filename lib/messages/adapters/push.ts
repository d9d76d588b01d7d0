/**
 * Web Push (VAPID, `web-push`): the browser's "준비되면 알림 받기" subscription, encrypted
 * (aes128gcm, RFC 8291) by web-push and posted to the browser's push service. Keys come from
 * `VAPID_PUBLIC_KEY`/`VAPID_PRIVATE_KEY`, else are generated on first start into the data
 * folder like the auth secret.
 */
import fs from "node:fs";
import path from "node:path";
import webpush from "web-push";
import { dataDir } from "@/lib/config/paths";
import { publicOrigin } from "@/lib/config/public-url";

export type VapidKeys = { publicKey: string; privateKey: string };

export function vapidKeys(): VapidKeys {
  if (process.env.VAPID_PUBLIC_KEY && process.env.VAPID_PRIVATE_KEY) {
    return { publicKey: process.env.VAPID_PUBLIC_KEY, privateKey: process.env.VAPID_PRIVATE_KEY };
  }
  const file = path.join(dataDir(), "vapid.json");
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as VapidKeys;
  } catch {
    fs.mkdirSync(dataDir(), { recursive: true });
    const keys = webpush.generateVAPIDKeys();
    // `wx` so two processes starting at once keep the first one's keys.
    try {
      fs.writeFileSync(file, JSON.stringify(keys), { flag: "wx", mode: 0o600 });
    } catch {
      return JSON.parse(fs.readFileSync(file, "utf8")) as VapidKeys;
    }
    return keys;
  }
}

function vapidSubject(): string {
  if (process.env.VAPID_SUBJECT) return process.env.VAPID_SUBJECT;
  const origin = publicOrigin();
  return origin.startsWith("https://") ? origin : "mailto:push@dangol.invalid";
}

export type PushTarget = { endpoint: string; p256dh: string; auth: string };
export type PushResult = { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string; gone: boolean };

/** Encrypt and post one notification; `gone` means the browser unsubscribed (404/410). */
export async function sendPush(target: PushTarget, message: { title: string; body: string; url: string }): Promise<PushResult> {
  const keys = vapidKeys();
  const details = webpush.generateRequestDetails(
    { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
    JSON.stringify(message),
    {
      vapidDetails: { subject: vapidSubject(), publicKey: keys.publicKey, privateKey: keys.privateKey },
      TTL: 24 * 60 * 60,
      contentEncoding: "aes128gcm",
    },
  );
  try {
    const res = await fetch(details.endpoint, {
      method: details.method,
      headers: details.headers as Record<string, string>,
      body: details.body ? new Uint8Array(details.body) : undefined,
      signal: AbortSignal.timeout(10_000),
    });
    if (res.ok) return { ok: true, statusCode: res.status };
    return {
      ok: false,
      statusCode: res.status,
      error: `push ${res.status}: ${(await res.text()).slice(0, 200)}`,
      gone: res.status === 404 || res.status === 410,
    };
  } catch (e) {
    return { ok: false, statusCode: null, error: `push: ${(e as Error).message}`, gone: false };
  }
}
