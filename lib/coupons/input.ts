/** The `coupon_code` field every entry point accepts (storefront, phone order, counter, APIs); empty or null means none. */
import { z } from "zod";

export const couponCodeInput = z
  .string()
  .trim()
  .max(40, "coupon_unknown")
  .transform((s) => s || undefined)
  .nullish();
