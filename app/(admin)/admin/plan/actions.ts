"use server";

import { revalidatePath } from "next/cache";
import { invalidateStorefront } from "@/lib/storefront/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction, formToObject } from "@/lib/actions";
import { copyPlan, savePlan, type PlanEntry } from "@/lib/inventory/plan";
import { restockHoldInput, setRestockHold } from "@/lib/restock/alerts";
import { getShopSettings } from "@/lib/shop/settings";
import { isDateString } from "@/lib/shop/time";
import { numeric } from "@/lib/validation/numbers";

const cellValue = z.union([z.literal(""), numeric(z.number())]);

/** Grid cells arrive as `q:<date>:<productId>`; `scope` is "all" or the one date to save. */
const planForm = z.object({
  scope: z.string().refine((s) => s === "all" || isDateString(s), "date_choose"),
  cells: z.array(z.object({ date: z.string(), productId: z.number().int().positive(), planned: cellValue })),
});

function parsePlanForm(form: FormData) {
  const data = formToObject(form);
  const cells = Object.entries(data)
    .filter(([k]) => k.startsWith("q:"))
    .map(([k, v]) => {
      const [, date, productId] = k.split(":");
      return { date, productId: Number(productId), planned: typeof v === "string" ? v.trim() : v };
    });
  return { scope: data.scope ?? "all", cells };
}

export const savePlanAction = defineAction({ permission: "plan", schema: planForm, parse: parsePlanForm }, async ({ scope, cells }) => {
  const db = getDb();
  const entries: PlanEntry[] = cells
    .filter((c) => scope === "all" || c.date === scope)
    .map((c) => ({ date: c.date, productId: c.productId, planned: c.planned === "" ? 0 : c.planned }));
  const { saved } = savePlan({ db, entries, timeZone: getShopSettings({ db }).timezone });
  revalidatePath("/admin/plan");
  revalidatePath("/");
  invalidateStorefront();
  return { ok: true, message: (await getTranslations("admin.plan"))("saved", { count: saved }) };
});

export const copyPlanAction = defineAction(
  {
    permission: "plan",
    schema: z.object({
      from: z.string().refine(isDateString, "date_choose"),
      to: z.string().refine(isDateString, "date_choose"),
    }),
  },
  async ({ from, to }) => {
    const db = getDb();
    const { copied } = copyPlan({ db, from, to, timeZone: getShopSettings({ db }).timezone });
    revalidatePath("/admin/plan");
    revalidatePath("/");
    invalidateStorefront();
    return { ok: true, message: (await getTranslations("admin.plan"))("copied", { count: copied }) };
  },
);

export const saveRestockHoldAction = defineAction({ permission: "plan", schema: restockHoldInput }, async ({ minutes }) => {
  setRestockHold({ db: getDb(), minutes });
  revalidatePath("/admin/plan");
  return { ok: true, message: (await getTranslations("admin.plan"))("holdSaved", { minutes }) };
});
