/**
 * Phone confirmation by one-time code: a typed phone number is only a claim; entering the
 * 6-digit code sent to it proves it. The code is random (crypto), stored only as an HMAC keyed
 * with the app's secret (a plain hash of 10⁶ possibilities is reversed in a blink), lives
 * 5 minutes and allows 5 tries. It leaves only through the outbox (`phone_code`), whose
 * embedded adapter is the one place it is shown: it is never written to the server log here.
 */
import crypto from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { phoneConfirmations } from "@/db/schema";
import { takeToken } from "@/lib/api/rate-limit";
import { authSecret } from "@/lib/config/paths";
import { AppError } from "@/lib/errors";
import { enqueueMessage } from "@/lib/messages/outbox";
import { confirmPendingSubmissions } from "@/lib/consultations/submissions";
import { findCustomerByPhone } from "@/lib/customers/customers";
import { normalizePhone } from "@/lib/customers/phone";

export const CODE_TTL_MS = 5 * 60_000;
export const MAX_TRIES = 5;
/** Codes sent to one phone, and requested from one address, per window. */
export const CODES_PER_PHONE = 3;
export const CODES_PER_ADDRESS = 10;
/** Code checks from one address per window (5 tries × a couple of codes, with room for typos). */
export const CHECKS_PER_ADDRESS = 20;
export const LIMIT_WINDOW_MS = 15 * 60_000;

const phoneField = z
  .string({ error: "phone_required" })
  .max(40, "phone_check")
  .transform((s, ctx) => {
    const n = normalizePhone(s);
    if (!n) {
      ctx.addIssue({ code: "custom", message: "phone_check" });
      return z.NEVER;
    }
    return n;
  });

/** The one shape every entry point (storefront action, API) validates with. */
export const phoneCodeRequestInput = z.object({ phone: phoneField });
export const phoneCodeCheckInput = z.object({
  phone: phoneField,
  code: z
    .string({ error: "phone_code_required" })
    .trim()
    .regex(/^\d{6}$/, "phone_code_format"),
});

export function newCode(): string {
  return crypto.randomInt(0, 1_000_000).toString().padStart(6, "0");
}

export function hashCode({ phone, code, secret = authSecret() }: { phone: string; code: string; secret?: string }): string {
  return crypto.createHmac("sha256", secret).update(`phone-code:${phone}:${code}`).digest("base64url");
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * The per-phone and per-address limits on sending codes, counted on every attempt (refused
 * ones too). Throws `rate_limited`. `client` is the address from `clientAddress(…)`.
 */
export function limitCodeRequests({ phone, client, now = Date.now() }: { phone: string; client: string; now?: number }): void {
  const byAddress = takeToken({ bucket: "phone-code-address", client, limit: CODES_PER_ADDRESS, now, windowMs: LIMIT_WINDOW_MS });
  const byPhone =
    byAddress && takeToken({ bucket: "phone-code-phone", client: phone, limit: CODES_PER_PHONE, now, windowMs: LIMIT_WINDOW_MS });
  if (!byAddress || !byPhone) throw new AppError("rate_limited", { message: "phone_code_requests_too_many" });
}

export function limitCodeChecks({ client, now = Date.now() }: { client: string; now?: number }): void {
  if (!takeToken({ bucket: "phone-code-check", client, limit: CHECKS_PER_ADDRESS, now, windowMs: LIMIT_WINDOW_MS })) {
    throw new AppError("rate_limited", { message: "phone_code_checks_too_many" });
  }
}

/**
 * Send a new code to `phone` (normalised). Older unused codes for the phone stop working.
 * The code goes to the phone only — never to another channel of a customer record — since
 * it is the phone that is being proven.
 */
export function requestPhoneCode({
  db,
  phone,
  now = Date.now(),
  locale = "ko",
  code = newCode(),
}: {
  db: Db;
  phone: string;
  now?: number;
  locale?: "ko" | "en";
  /** Tests pass a fixed code; everything else lets it be random. */
  code?: string;
}): { expiresAt: number } {
  const expiresAt = now + CODE_TTL_MS;
  db.transaction(
    (tx) => {
      tx.update(phoneConfirmations)
        .set({ usedAt: now })
        .where(and(eq(phoneConfirmations.phone, phone), isNull(phoneConfirmations.usedAt)))
        .run();
      tx.insert(phoneConfirmations)
        .values({ phone, codeHash: hashCode({ phone, code }), expiresAt, createdAt: now })
        .run();
      enqueueMessage({ tx, now, to: { phone }, template: "phone_code", params: { code }, purpose: "transactional", locale });
    },
    { behavior: "immediate" },
  );
  return { expiresAt };
}

type CheckOutcome =
  { ok: true; customerId: number | null } | { ok: false; reason: "none" | "expired" | "too_many" | "wrong"; left: number };

/**
 * Check a code for `phone`. A wrong code uses one of the 5 tries (the count is saved even
 * though the call then throws); the 5th wrong one ends the code. On success the code is used
 * up and whatever the confirmation unlocks for an existing customer happens in the same
 * transaction (their unconfirmed consultation answers are confirmed).
 */
export function verifyPhoneCode({ db, phone, code, now = Date.now() }: { db: Db; phone: string; code: string; now?: number }): {
  phone: string;
  customerId: number | null;
} {
  const outcome = db.transaction(
    (tx): CheckOutcome => {
      const row = tx
        .select()
        .from(phoneConfirmations)
        .where(and(eq(phoneConfirmations.phone, phone), isNull(phoneConfirmations.usedAt)))
        .orderBy(desc(phoneConfirmations.id))
        .limit(1)
        .get();
      if (!row) return { ok: false, reason: "none", left: 0 };
      if (now >= row.expiresAt) return { ok: false, reason: "expired", left: 0 };
      if (row.attempts >= MAX_TRIES) return { ok: false, reason: "too_many", left: 0 };
      if (!sameHash(row.codeHash, hashCode({ phone, code }))) {
        const attempts = row.attempts + 1;
        tx.update(phoneConfirmations)
          .set({ attempts, usedAt: attempts >= MAX_TRIES ? now : null })
          .where(eq(phoneConfirmations.id, row.id))
          .run();
        return { ok: false, reason: attempts >= MAX_TRIES ? "too_many" : "wrong", left: MAX_TRIES - attempts };
      }
      tx.update(phoneConfirmations)
        .set({ attempts: row.attempts + 1, usedAt: now, confirmedAt: now })
        .where(eq(phoneConfirmations.id, row.id))
        .run();
      const customer = findCustomerByPhone({ db: tx, phone });
      if (customer) confirmPendingSubmissions({ tx, customerId: customer.id, now });
      return { ok: true, customerId: customer?.id ?? null };
    },
    { behavior: "immediate" },
  );
  if (outcome.ok) return { phone, customerId: outcome.customerId };
  const message = (
    { none: "phone_code_none", expired: "phone_code_expired", too_many: "phone_code_too_many", wrong: "phone_code_wrong" } as const
  )[outcome.reason];
  const params = outcome.reason === "wrong" ? { left: outcome.left } : undefined;
  throw new AppError(outcome.reason === "too_many" ? "rate_limited" : "validation", { message, params, fields: { code: message } });
}
