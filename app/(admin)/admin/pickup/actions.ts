"use server";

import { revalidatePath } from "next/cache";
import { invalidateStorefront } from "@/lib/storefront/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction, formToObject } from "@/lib/actions";
import { addClosedDate, addSlot, removeClosedDate, removeSlot, updatePickupRules, updateSlot } from "@/lib/pickup/admin-rules";
import { numeric } from "@/lib/validation/numbers";

// The lib functions validate their own input (one set of Korean messages); here only the shape.
const anyForm = z.record(z.string(), z.unknown());
const idForm = z.object({ id: numeric(z.number().int().positive()) });

function refresh() {
  revalidatePath("/admin/pickup");
  revalidatePath("/");
  invalidateStorefront();
}

const message = async (key: string) => (await getTranslations("admin.pickup"))(key);

export const saveRulesAction = defineAction(
  {
    permission: "pickup_settings",
    schema: anyForm,
    parse: (form) => {
      const data = formToObject(form);
      data.closedWeekdays = data.closedWeekdays === undefined ? [] : ([] as unknown[]).concat(data.closedWeekdays);
      return data;
    },
  },
  async (input) => {
    updatePickupRules({ db: getDb(), input });
    refresh();
    return { ok: true, message: await message("rulesSaved") };
  },
);

export const addSlotAction = defineAction({ permission: "pickup_settings", schema: anyForm }, async (input) => {
  addSlot({ db: getDb(), input });
  refresh();
  return { ok: true, message: await message("slotAdded") };
});

export const updateSlotAction = defineAction(
  {
    permission: "pickup_settings",
    schema: idForm.passthrough(),
    parse: (form) => ({ ...formToObject(form), active: form.get("active") === "on" }),
  },
  async ({ id, ...input }) => {
    updateSlot({ db: getDb(), id, input });
    refresh();
    return { ok: true, message: await message("slotSaved") };
  },
);

export const removeSlotAction = defineAction({ permission: "pickup_settings", schema: idForm }, async ({ id }) => {
  removeSlot({ db: getDb(), id });
  refresh();
  return { ok: true, message: await message("slotRemoved") };
});

export const addClosedDateAction = defineAction({ permission: "pickup_settings", schema: anyForm }, async (input) => {
  addClosedDate({ db: getDb(), input });
  refresh();
  return { ok: true, message: await message("closedDateAdded") };
});

export const removeClosedDateAction = defineAction(
  { permission: "pickup_settings", schema: z.object({ date: z.string().max(10) }) },
  async ({ date }) => {
    removeClosedDate({ db: getDb(), date });
    refresh();
    return { ok: true, message: await message("closedDateRemoved") };
  },
);
