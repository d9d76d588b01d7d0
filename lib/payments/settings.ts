/**
 * The owner's prepayment settings: the shop's payment policy, how long an unpaid order holds
 * its stock and slot place, and what a no-show or a cancel after the cut-off keeps of a
 * prepayment — none, a share (percent), or all.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { PAYMENT_POLICIES, shopSettings, type ShopSettings } from "@/db/schema";
import { parseOrThrow } from "@/lib/errors";

export const MAX_PAYMENT_HOLD_MINUTES = 60;

export const paymentSettingsInput = z
  .object({
    paymentPolicy: z.enum(PAYMENT_POLICIES, { error: "payment_policy_choose" }),
    paymentHoldMinutes: z.coerce
      .number({ error: "payment_hold_range" })
      .int("payment_hold_range")
      .min(1, "payment_hold_range")
      .max(MAX_PAYMENT_HOLD_MINUTES, "payment_hold_range"),
    keep: z.enum(["none", "share", "all"], { error: "payment_keep_choose" }),
    keepPercent: z.coerce
      .number({ error: "payment_keep_percent_range" })
      .int("payment_keep_percent_range")
      .min(1, "payment_keep_percent_range")
      .max(99, "payment_keep_percent_range")
      .optional(),
  })
  .refine((v) => v.keep !== "share" || v.keepPercent !== undefined, { path: ["keepPercent"], message: "payment_keep_percent_range" });

export type PaymentSettingsInput = z.input<typeof paymentSettingsInput>;

/** The keep setting as the form shows it. */
export function keepChoice(s: Pick<ShopSettings, "prepaidKeepPercent">): { keep: "none" | "share" | "all"; keepPercent: number } {
  const p = s.prepaidKeepPercent;
  return { keep: p <= 0 ? "none" : p >= 100 ? "all" : "share", keepPercent: p > 0 && p < 100 ? p : 50 };
}

export function savePaymentSettings({ db, input, now = Date.now() }: { db: DbOrTx; input: unknown; now?: number }): void {
  const v = parseOrThrow(paymentSettingsInput, input);
  const prepaidKeepPercent = v.keep === "none" ? 0 : v.keep === "all" ? 100 : v.keepPercent!;
  db.update(shopSettings)
    .set({ paymentPolicy: v.paymentPolicy, paymentHoldMinutes: v.paymentHoldMinutes, prepaidKeepPercent, updatedAt: now })
    .where(eq(shopSettings.id, 1))
    .run();
}
