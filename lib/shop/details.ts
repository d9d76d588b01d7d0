/**
 * The owner's changes to the shop's details (name, contact, time zone …): validated and
 * written here. The pickup rules, slots and closed dates are written by lib/pickup/admin-rules.ts.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { shopSettings, type ShopSettings } from "@/db/schema";
import { AppError, parseOrThrow } from "@/lib/errors";
import { basisPoints, ratePercent, wholeNumber } from "@/lib/validation/numbers";
import { normalizePhone, formatPhone } from "@/lib/validation/phone";

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- shop details

export const shopDetailsInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "shop_name_required")
    .max(60, "shop_name_too_long")
    .refine((s) => !/[<>]/.test(s), "no_angle_brackets"),
  phone: z
    .string()
    .trim()
    .max(40)
    .optional()
    .default("")
    .refine((s) => s === "" || normalizePhone(s) !== null, "shop_phone_invalid"),
  address: z.string().trim().max(200, "address_too_long").optional().default(""),
  // A textarea posts its line breaks as CRLF; keep plain newlines.
  openingHours: z
    .string()
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().max(300, "opening_hours_too_long"))
    .optional()
    .default(""),
  timezone: z.string().trim().refine(isTimeZone, "timezone_choose"),
  /** Percent of the total, e.g. 1 or 1.5; stored as basis points. */
  pointsRatePercent: ratePercent(50),
  rackRows: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .refine((s) => /^[A-Z]{1,26}$/.test(s), "rack_rows_letters")
    .refine((s) => new Set(s).size === s.length, "rack_rows_repeat"),
  rackColumns: wholeNumber(1, 50),
});
export type ShopDetailsInput = z.input<typeof shopDetailsInput>;

export function updateShopDetails({ db, input, now = Date.now() }: { db: DbOrTx; input: unknown; now?: number }): ShopSettings {
  const v = parseOrThrow(shopDetailsInput, input);
  const phone = v.phone ? formatPhone(normalizePhone(v.phone)!) : null;
  const row = db
    .update(shopSettings)
    .set({
      name: v.name,
      phone,
      address: v.address || null,
      openingHours: v.openingHours || null,
      timezone: v.timezone,
      pointsRateBp: basisPoints(v.pointsRatePercent),
      rackRows: v.rackRows,
      rackColumns: v.rackColumns,
      updatedAt: now,
    })
    .where(eq(shopSettings.id, 1))
    .returning()
    .get();
  if (!row) throw new AppError("not_found", { message: "shop_not_set_up" });
  return row;
}
