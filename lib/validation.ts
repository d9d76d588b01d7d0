/**
 * The one numeric policy for inputs that arrive as JSON numbers or form strings. Unlike
 * `z.coerce.number()` it refuses `true`, `[3]` and `null`, which coercion would silently read
 * as 1, 3 and 0; a blank form field is "not given" (so `.optional().default(…)` applies).
 * Messages are keys of `messages/<locale>/errors.json` (see `lib/errors.ts`).
 */
import { z } from "zod";

export const numeric = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" ? (v.trim() === "" ? undefined : /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v) : v), schema);

/** A whole number within `min`…`max` (inclusive). */
export const wholeNumber = (min: number, max: number) =>
  numeric(z.number({ error: "number_required" }).int("number_integer").min(min, "number_min").max(max, "number_max"));
