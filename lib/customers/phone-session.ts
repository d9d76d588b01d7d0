/**
 * What a confirmed phone gives the browser that confirmed it: a short-lived signed value
 * (phone + expiry, HMAC with the app's secret) kept in an http-only cookie. It is not an
 * account — there is no password and nothing to sign in to — it only says "this browser
 * proved this phone a moment ago", for finding orders and managing restock alerts.
 */
import crypto from "node:crypto";
import { authSecret } from "@/lib/config/paths";
import { normalizePhone } from "./phone";

export const PHONE_SESSION_COOKIE = "dangol_phone";
export const PHONE_SESSION_TTL_MS = 30 * 60_000;

function signature(payload: string, secret: string): string {
  return crypto.createHmac("sha256", secret).update(`phone-session:${payload}`).digest("base64url");
}

export function signPhoneSession({ phone, now = Date.now(), secret = authSecret() }: { phone: string; now?: number; secret?: string }): {
  value: string;
  expiresAt: number;
} {
  const expiresAt = now + PHONE_SESSION_TTL_MS;
  const payload = `${phone}.${expiresAt}`;
  return { value: `${payload}.${signature(payload, secret)}`, expiresAt };
}

/** The confirmed phone, or null when the value is missing, forged or expired. */
export function readPhoneSession({
  value,
  now = Date.now(),
  secret = authSecret(),
}: {
  value: string | null | undefined;
  now?: number;
  secret?: string;
}): string | null {
  if (typeof value !== "string" || value.length > 200) return null;
  const parts = value.split(".");
  if (parts.length !== 3) return null;
  const [phone, exp, sig] = parts;
  const expected = Buffer.from(signature(`${phone}.${exp}`, secret));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  if (!/^\d{1,15}$/.test(exp) || now >= Number(exp)) return null;
  return normalizePhone(phone) === phone ? phone : null;
}
