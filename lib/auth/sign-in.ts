/**
 * Every password check goes through `checkSignIn`: the throttle first (no hash computed when
 * refused), then the check off the event loop, then the known-device cookie for next time.
 */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import { authenticate, normalizeEmail, type PublicUser } from "./users";
import { beginSignInAttempt, endSignInAttempt, type Attempt } from "./sign-in-throttle";

export const DEVICE_COOKIE = "dangol-device";
export const DEVICE_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

function deviceSignature(secret: string, userId: number, deviceId: string): string {
  return crypto.createHmac("sha256", secret).update(`device:${userId}.${deviceId}`).digest("base64url");
}

export function deviceCookieValue({ secret, userId, deviceId }: { secret: string; userId: number; deviceId: string }): string {
  return `${userId}.${deviceId}.${deviceSignature(secret, userId, deviceId)}`;
}

/** The device id when `value` is a cookie this server signed for `userId`; null otherwise. */
export function knownDeviceId({
  secret,
  userId,
  value,
}: {
  secret: string;
  userId: number | null;
  value: string | null | undefined;
}): string | null {
  if (!value || userId === null) return null;
  const [uid, deviceId, sig] = value.split(".");
  if (Number(uid) !== userId || !deviceId || !sig) return null;
  const expected = Buffer.from(deviceSignature(secret, userId, deviceId));
  const given = Buffer.from(sig);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? deviceId : null;
}

export type SignInResult =
  | { ok: true; user: PublicUser; deviceCookie: string }
  | { ok: false; reason: "throttled"; retryAfterMs: number }
  | { ok: false; reason: "invalid" };

export async function checkSignIn({
  db,
  email,
  password,
  client,
  deviceCookie,
  secret,
  now,
}: {
  db: DbOrTx;
  email: string;
  password: string;
  client: string;
  deviceCookie?: string | null;
  secret: string;
  /** Fixed by tests; otherwise read at the start and again when the answer is known. */
  now?: number;
}): Promise<SignInResult> {
  const account = normalizeEmail(typeof email === "string" ? email : "");
  // A device cookie counts only for the account it was issued to.
  const accountId = db.select({ id: users.id }).from(users).where(eq(users.email, account)).get()?.id ?? null;
  const deviceId = knownDeviceId({ secret, userId: accountId, value: deviceCookie });
  const attempt: Attempt = { account, client, deviceId };
  const wait = beginSignInAttempt(attempt, now ?? Date.now());
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterMs: wait };

  let user: PublicUser | null = null;
  try {
    user = await authenticate({ db, email: account, password });
  } finally {
    // Timed when the answer is known (a slow hash must not eat into the wait).
    endSignInAttempt(attempt, !!user, now ?? Date.now());
  }
  if (!user) return { ok: false, reason: "invalid" };
  return {
    ok: true,
    user,
    deviceCookie: deviceCookieValue({ secret, userId: user.id, deviceId: deviceId ?? crypto.randomBytes(16).toString("base64url") }),
  };
}
