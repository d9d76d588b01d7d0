"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/actions";
import { PHONE_SESSION_COOKIE, readPhoneSession } from "@/lib/customers/phone-session";
import { AppError } from "@/lib/errors";
import { claimReceipt } from "@/lib/receipts/receipts";
import { submitSaleReview } from "@/lib/reviews/reviews";

const token = z.string().regex(/^[0-9a-f]{16,64}$/);

/**
 * Claim a receipt. With this browser's confirmed phone (the one-time code) the claim is
 * confirmed; a typed number alone makes an unconfirmed claim that staff see as such.
 */
export const claimReceiptAction = defineAction(
  { permission: null, schema: z.object({ token, phone: z.string().max(40).optional(), confirmed: z.enum(["1"]).optional() }) },
  async (input) => {
    const sessionPhone = readPhoneSession({ value: (await cookies()).get(PHONE_SESSION_COOKIE)?.value });
    if (input.confirmed && !sessionPhone) throw new AppError("forbidden", { message: "phone_confirm_first" });
    const phone = input.confirmed ? sessionPhone! : (input.phone ?? "");
    const { points } = claimReceipt({ db: getDb(), token: input.token, phone, confirmed: !!input.confirmed });
    revalidatePath(`/r/${input.token}`);
    return { ok: true, message: (await getTranslations("storefront.receipt"))("claimedNow", { points }) };
  },
);

/** Public: the receipt token is the key; lib checks the receipt is claimed and unreviewed. */
export const submitSaleReviewAction = defineAction(
  { permission: null, schema: z.object({ token, rating: z.string().optional(), comment: z.string().max(5000).optional() }) },
  async (input) => {
    submitSaleReview({ db: getDb(), receiptToken: input.token, input: { rating: input.rating ?? "", comment: input.comment } });
    revalidatePath(`/r/${input.token}`);
    return { ok: true, message: (await getTranslations("actions"))("reviewThanks") };
  },
);
