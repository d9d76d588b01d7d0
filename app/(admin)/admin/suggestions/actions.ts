"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/actions";
import { recordSuggestionShows, setSuggestionPair } from "@/lib/suggestions/suggestions";
import { integerInput } from "@/lib/validation/numbers";

/** Staff pressed "권했어요" on the customer card: the suggestion was shown to this customer now. */
export const suggestedToCustomerAction = defineAction(
  {
    permission: "customers",
    schema: z.object({
      customerId: integerInput({ min: 1 }),
      productId: integerInput({ min: 1 }),
      forProductId: integerInput({ min: 1 }).optional(),
    }),
  },
  async (input, { user }) => {
    recordSuggestionShows({
      db: getDb(),
      now: Date.now(),
      surface: "customer_card",
      customerId: input.customerId,
      userId: user.id,
      shown: [{ productId: input.productId, forProductId: input.forProductId ?? null }],
    });
    revalidatePath("/admin/suggestions");
    return { ok: true, message: (await getTranslations("coupons.card"))("recorded") };
  },
);

/** The owner switches a product pair off or back on. */
export const switchPairAction = defineAction(
  { permission: "coupons", schema: z.object({ a: integerInput({ min: 1 }), b: integerInput({ min: 1 }), off: z.enum(["1", "0"]) }) },
  async (input, { user }) => {
    setSuggestionPair({ db: getDb(), a: input.a, b: input.b, off: input.off === "1", userId: user.id, now: Date.now() });
    revalidatePath("/admin/suggestions");
    return { ok: true, message: (await getTranslations("coupons.suggest"))(input.off === "1" ? "switchedOff" : "switchedOn") };
  },
);
