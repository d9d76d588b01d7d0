/**
 * Coupon arithmetic and eligibility, pure (no database): the one place a discount is worked out.
 *
 * - Eligible lines: the coupon's products or categories (both empty: every line).
 * - Minimum spend is compared with the eligible lines' total (what the coupon applies to).
 * - `fixed`: `amount` won, never more than the eligible total. `percent`: `amount` % of the
 *   eligible total, rounded down to the won (the shop never gives away a fraction).
 * - Valid from `startsOn` through `endsOn`, both shop-local dates, inclusive.
 */
import type { MessageKey } from "@/lib/errors";

export type CouponTerms = {
  kind: "fixed" | "percent";
  amount: number;
  minSpend: number;
  productIds: readonly number[];
  categories: readonly string[];
  startsOn: string;
  endsOn: string | null;
  pausedAt: number | null;
};

export type CouponLine = { productId: number; category: string; lineTotal: number };

export function isEligibleLine(
  terms: Pick<CouponTerms, "productIds" | "categories">,
  line: Pick<CouponLine, "productId" | "category">,
): boolean {
  if (!terms.productIds.length && !terms.categories.length) return true;
  return terms.productIds.includes(line.productId) || (line.category !== "" && terms.categories.includes(line.category));
}

export function eligibleTotal(terms: Pick<CouponTerms, "productIds" | "categories">, lines: readonly CouponLine[]): number {
  return lines.filter((l) => isEligibleLine(terms, l)).reduce((sum, l) => sum + l.lineTotal, 0);
}

/** The discount on an eligible total: fixed won capped at the total, or a percentage rounded down. */
export function discountOn(terms: Pick<CouponTerms, "kind" | "amount">, eligible: number): number {
  if (eligible <= 0 || terms.amount <= 0) return 0;
  if (terms.kind === "fixed") return Math.min(terms.amount, eligible);
  return Math.floor((eligible * Math.min(terms.amount, 100)) / 100);
}

/** Why the coupon cannot be used on `date` (shop-local), or null when the dates and pause allow it. */
export function dateRefusal(terms: Pick<CouponTerms, "startsOn" | "endsOn" | "pausedAt">, date: string): MessageKey | null {
  if (terms.pausedAt !== null) return "coupon_paused";
  if (date < terms.startsOn) return "coupon_not_started";
  if (terms.endsOn !== null && date > terms.endsOn) return "coupon_expired";
  return null;
}

export type BasketOutcome = { ok: true; eligible: number; discount: number } | { ok: false; reason: MessageKey; eligible: number };

/** Whether the basket qualifies, and the discount it gets. */
export function basketDiscount(terms: CouponTerms, lines: readonly CouponLine[]): BasketOutcome {
  const eligible = eligibleTotal(terms, lines);
  if (eligible <= 0) return { ok: false, reason: "coupon_not_for_products", eligible };
  if (eligible < terms.minSpend) return { ok: false, reason: "coupon_min_spend", eligible };
  return { ok: true, eligible, discount: discountOn(terms, eligible) };
}

/** A code as people type it: trimmed, upper case, inner spaces and dashes kept out. */
export function normalizeCouponCode(text: string): string {
  return text
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "");
}
