"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/actions";
import { createTier, deleteTier, tierInput } from "@/lib/loyalty/tiers";
import { numeric } from "@/lib/validation/numbers";

/** Owners only (`settings`): the schema is the one `createTier` checks again. */
export const createTierAction = defineAction({ permission: "settings", schema: tierInput }, async (input) => {
  createTier({ db: getDb(), input });
  revalidatePath("/admin/settings/tiers");
  return { ok: true, message: (await getTranslations("admin.tiers"))("created") };
});

export const deleteTierAction = defineAction(
  { permission: "settings", schema: z.object({ id: numeric(z.number().int().positive()) }) },
  async ({ id }) => {
    deleteTier({ db: getDb(), id });
    revalidatePath("/admin/settings/tiers");
    return { ok: true };
  },
);
