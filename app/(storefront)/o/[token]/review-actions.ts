"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { getTranslations } from "next-intl/server";
import { defineAction } from "@/lib/actions";
import { submitReview } from "@/lib/reviews/reviews";

/** Public: the order token is the key; lib checks the order is picked up and unreviewed. */
export const submitReviewAction = defineAction(
  {
    permission: null,
    schema: z.object({ orderToken: z.string().min(16).max(64), rating: z.string().optional(), comment: z.string().max(5000).optional() }),
  },
  async (input) => {
    submitReview({ db: getDb(), orderToken: input.orderToken, input: { rating: input.rating ?? "", comment: input.comment } });
    revalidatePath(`/o/${input.orderToken}`);
    return { ok: true, message: (await getTranslations("actions"))("reviewThanks") };
  },
);
