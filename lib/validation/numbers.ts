/**
 * The one numeric policy for every entry point (forms, API, CLI, import): a number is a JSON
 * number or a string of digits as a form sends it. Booleans, arrays, null, "" and objects are
 * refused — never coerced (`z.coerce.number()` would read `true` as 1 and `[3]` as 3) — and
 * where an integer is asked, so are fractions. Messages are keys of `messages/<locale>/errors.json`.
 */
import { z } from "zod";

const NUMBER_TEXT = /^\s*-?\d+(\.\d+)?\s*$/;

/** `schema` (a z.number…) reached from a JSON number or a form's digits; anything else is refused by `schema`. */
export const numeric = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && NUMBER_TEXT.test(v) ? Number(v) : v), schema);

/** A whole number within bounds (each optional). */
export function integerInput({ min, max }: { min?: number; max?: number } = {}) {
  let schema = z.number({ error: "number_required" }).int("number_integer");
  if (min !== undefined) schema = schema.min(min, "number_min");
  if (max !== undefined) schema = schema.max(max, "number_max");
  return numeric(schema);
}

/** A whole number within `min`…`max` (inclusive). */
export const wholeNumber = (min: number, max: number) => integerInput({ min, max });

/**
 * A points rate typed as a percent with at most two decimals (1, 1.5, 0.25). It stays a
 * percent when parsed (an action's parse and the rule's own parse must agree); rates are
 * stored as `basisPoints(percent)`.
 */
export const ratePercent = (maxPercent: number) =>
  numeric(
    z
      .number({ error: "points_rate_number" })
      .min(0, "points_rate_min")
      .max(maxPercent, "points_rate_max")
      .refine((n) => Number.isInteger(Math.round(n * 100 * 1e6) / 1e6), "points_rate_decimals"),
  );

/** A percent as basis points (1 % = 100 bp). */
export const basisPoints = (percent: number): number => Math.round(percent * 100);

/** A whole number from CSV or CLI text (digits only, optional leading minus), or null. */
export function parseIntegerText(text: string, { min = -Infinity, max = Infinity }: { min?: number; max?: number } = {}): number | null {
  if (!/^-?\d+$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
}
