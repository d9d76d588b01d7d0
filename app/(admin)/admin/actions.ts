"use server";

import { revalidatePath } from "next/cache";
import { invalidateStorefront } from "@/lib/storefront/cache";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/actions";
import { formatDate } from "@/lib/format";
import { openOrderingNow } from "@/lib/pickup/first-run";

/** The first-run checklist's one-tap fix: a window under which the storefront takes orders now. */
export const openOrderingNowAction = defineAction({ permission: "pickup_settings", schema: z.object({}) }, async () => {
  const { date } = openOrderingNow({ db: getDb() });
  revalidatePath("/admin");
  revalidatePath("/admin/pickup");
  revalidatePath("/");
  invalidateStorefront();
  const t = await getTranslations("admin.home");
  return { ok: true, message: t("openedNow", { date: formatDate(date, await getLocale()) }) };
});
