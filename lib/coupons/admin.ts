/**
 * Coupons as the owner manages them: create, pause and resume, issue a customer their own code,
 * and the list with how often each was used. The same zod schema serves the admin form and
 * the CLI; using a coupon is `applyCoupon` (lib/coupons/apply.ts).
 */
import crypto from "node:crypto";
import { and, desc, eq, gte, isNull, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import {
  COUPON_CODE_MODES,
  COUPON_KINDS,
  couponCodes,
  couponRedemptions,
  coupons,
  customers,
  type Coupon,
  type CouponCode,
} from "@/db/schema";
import { findCustomerByPhone } from "@/lib/customers/customers";
import { normalizePhone } from "@/lib/customers/phone";
import { AppError, parseOrThrow } from "@/lib/errors";
import { getShopSettings } from "@/lib/shop/settings";
import { isDateString, localDate } from "@/lib/shop/time";
import { numeric } from "@/lib/validation/numbers";
import { nameField } from "@/lib/validation/text";
import { normalizeCouponCode } from "./rules";

const optionalLimit = numeric(
  z.number({ error: "field_invalid" }).int("field_invalid").min(1, "field_too_small").max(1_000_000, "field_too_big").optional().nullable(),
);

export const couponInput = z
  .object({
    name: nameField({ max: 60 }),
    kind: z.enum(COUPON_KINDS),
    amount: numeric(
      z.number({ error: "coupon_amount_min" }).int("coupon_amount_min").min(1, "coupon_amount_min").max(10_000_000, "field_too_big"),
    ),
    min_spend: numeric(z.number().int("field_invalid").min(0, "field_too_small").max(100_000_000, "field_too_big")).optional().default(0),
    product_ids: z.array(numeric(z.number().int().positive())).max(200).optional().default([]),
    categories: z.array(z.string().trim().min(1).max(40)).max(50).optional().default([]),
    starts_on: z.string().refine(isDateString, "field_invalid"),
    ends_on: z
      .string()
      .optional()
      .nullable()
      .transform((s) => s || null)
      .refine((s) => s === null || isDateString(s), "field_invalid"),
    total_limit: optionalLimit,
    per_customer_limit: optionalLimit,
    code_mode: z.enum(COUPON_CODE_MODES),
    code: z
      .string()
      .optional()
      .nullable()
      .transform((s) => (s ? normalizeCouponCode(s) : null))
      .refine((s) => s === null || /^[A-Z0-9]{4,20}$/.test(s), "coupon_code_format"),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "percent" && v.amount > 100) ctx.addIssue({ code: "custom", path: ["amount"], message: "coupon_percent_max" });
    if (v.ends_on && v.ends_on < v.starts_on) ctx.addIssue({ code: "custom", path: ["ends_on"], message: "coupon_dates_order" });
    if (v.code_mode === "shared" && !v.code) ctx.addIssue({ code: "custom", path: ["code"], message: "coupon_code_required" });
  });
export type CouponInput = z.input<typeof couponInput>;

function codeTaken(db: DbOrTx, code: string): boolean {
  return Boolean(
    db.select({ id: coupons.id }).from(coupons).where(eq(coupons.code, code)).get() ??
    db.select({ id: couponCodes.id }).from(couponCodes).where(eq(couponCodes.code, code)).get(),
  );
}

export function createCoupon({
  db,
  input,
  userId,
  now = Date.now(),
}: {
  db: Db;
  input: unknown;
  userId: number | null;
  now?: number;
}): Coupon {
  const v = parseOrThrow(couponInput, input);
  return db.transaction(
    (tx) => {
      const code = v.code_mode === "shared" ? v.code : null;
      if (code && codeTaken(tx, code))
        throw new AppError("conflict", { message: "coupon_code_taken", fields: { code: "coupon_code_taken" } });
      return tx
        .insert(coupons)
        .values({
          name: v.name,
          kind: v.kind,
          amount: v.amount,
          minSpend: v.min_spend,
          productIds: [...new Set(v.product_ids)],
          categories: [...new Set(v.categories)],
          startsOn: v.starts_on,
          endsOn: v.ends_on,
          totalLimit: v.total_limit ?? null,
          perCustomerLimit: v.per_customer_limit ?? null,
          codeMode: v.code_mode,
          code,
          createdByUserId: userId,
          createdAt: now,
        })
        .returning()
        .get();
    },
    { behavior: "immediate" },
  );
}

export function setCouponPaused({
  db,
  couponId,
  paused,
  now = Date.now(),
}: {
  db: Db;
  couponId: number;
  paused: boolean;
  now?: number;
}): Coupon {
  const row = db
    .update(coupons)
    .set({ pausedAt: paused ? now : null })
    .where(eq(coupons.id, couponId))
    .returning()
    .get();
  if (!row) throw new AppError("not_found", { message: "coupon_not_found" });
  return row;
}

/** Unambiguous letters and digits (no O/0, I/1, S/5, B/8, Z/2). */
const CODE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679";

function newIssuedCode(db: DbOrTx): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = Array.from({ length: 8 }, () => CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)]).join("");
    if (!codeTaken(db, code)) return code;
  }
  throw new AppError("conflict", { message: "coupon_code_taken" });
}

/**
 * Run inside the transaction that issued `code`: how the caller tells the customer
 * (lib/messages/coupon-messages.ts). Passed in, so coupons and loyalty do not reach messaging.
 */
export type TellCode = (tx: DbOrTx, code: CouponCode, now: number) => void;

/**
 * Issue `customerId` their own single-use code for an `issued` coupon (a birthday benefit, a
 * thank-you). Its validity starts on the later of the coupon's start and today. `tell` runs in
 * the same transaction (the customer's message is queued with the code or not at all); their
 * page (`/me/<token>`) lists the code either way.
 */
export function issueCouponToCustomer(
  { db, now = Date.now(), tell }: { db: Db; now?: number; tell?: TellCode },
  couponId: number,
  customerId: number,
): CouponCode {
  return db.transaction(
    (tx) => {
      const coupon = tx.select().from(coupons).where(eq(coupons.id, couponId)).get();
      if (!coupon) throw new AppError("not_found", { message: "coupon_not_found" });
      if (coupon.codeMode !== "issued") throw new AppError("validation", { message: "coupon_not_issued_kind" });
      const customer = tx
        .select({ id: customers.id })
        .from(customers)
        .where(and(eq(customers.id, customerId), isNull(customers.deletedAt)))
        .get();
      if (!customer) throw new AppError("not_found", { message: "coupon_customer_unknown" });
      const today = localDate(now, getShopSettings({ db: tx }).timezone);
      const validFrom = today > coupon.startsOn ? today : coupon.startsOn;
      const code = tx
        .insert(couponCodes)
        .values({ couponId, code: newIssuedCode(tx), customerId, validFrom, issuedAt: now })
        .returning()
        .get();
      tell?.(tx, code, now);
      return code;
    },
    { behavior: "immediate" },
  );
}

/** The admin form's "issue to a phone number". */
export function issueCouponToPhone({
  db,
  couponId,
  phone,
  now = Date.now(),
  tell,
}: {
  db: Db;
  couponId: number;
  phone: string;
  now?: number;
  tell?: TellCode;
}): CouponCode {
  const normalized = normalizePhone(phone);
  const customer = normalized ? findCustomerByPhone({ db, phone: normalized }) : null;
  if (!customer) throw new AppError("not_found", { message: "coupon_customer_unknown", fields: { phone: "coupon_customer_unknown" } });
  return issueCouponToCustomer({ db, now, tell }, couponId, customer.id);
}

export type CouponRow = Coupon & { uses: number; discountTotal: number; issued: number };

/** Every coupon, newest first, with its live uses, the won they took off, and codes issued. */
export function listCoupons({ db }: { db: DbOrTx }): CouponRow[] {
  const uses = new Map(
    db
      .select({
        couponId: couponRedemptions.couponId,
        n: sql<number>`count(*)`,
        won: sql<number>`coalesce(sum(${couponRedemptions.discount}), 0)`,
      })
      .from(couponRedemptions)
      .where(isNull(couponRedemptions.releasedAt))
      .groupBy(couponRedemptions.couponId)
      .all()
      .map((r) => [r.couponId, r]),
  );
  const issued = new Map(
    db
      .select({ couponId: couponCodes.couponId, n: sql<number>`count(*)` })
      .from(couponCodes)
      .groupBy(couponCodes.couponId)
      .all()
      .map((r) => [r.couponId, Number(r.n)]),
  );
  return db
    .select()
    .from(coupons)
    .orderBy(desc(coupons.id))
    .all()
    .map((c) => ({
      ...c,
      uses: Number(uses.get(c.id)?.n ?? 0),
      discountTotal: Number(uses.get(c.id)?.won ?? 0),
      issued: issued.get(c.id) ?? 0,
    }));
}

/** A customer's issued codes not yet used, for the customer card (staff see every one). */
export function openCodesForCustomer({ db, customerId }: { db: DbOrTx; customerId: number }) {
  return openCodes(db, eq(couponCodes.customerId, customerId));
}

/** The codes the customer can still use, for their own page: not used, the coupon neither paused nor ended. */
export function usableCodesForCustomer({ db, customerId, now = Date.now() }: { db: DbOrTx; customerId: number; now?: number }) {
  const today = localDate(now, getShopSettings({ db }).timezone);
  return openCodes(
    db,
    and(eq(couponCodes.customerId, customerId), isNull(coupons.pausedAt), or(isNull(coupons.endsOn), gte(coupons.endsOn, today))),
  );
}

function openCodes(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({ code: couponCodes.code, name: coupons.name, validFrom: couponCodes.validFrom, endsOn: coupons.endsOn })
    .from(couponCodes)
    .innerJoin(coupons, eq(coupons.id, couponCodes.couponId))
    .leftJoin(couponRedemptions, and(eq(couponRedemptions.couponCodeId, couponCodes.id), isNull(couponRedemptions.releasedAt)))
    .where(and(where, isNull(couponRedemptions.id)))
    .orderBy(desc(couponCodes.id))
    .all();
}
