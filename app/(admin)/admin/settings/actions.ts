"use server";

import { revalidatePath } from "next/cache";
import { invalidateStorefront } from "@/lib/storefront/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/actions";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { createStaff, resetStaffPassword, setStaffActive } from "@/lib/auth/staff";
import { saveShopDetails } from "@/lib/purchases/shop-details";
import { savePaymentSettings } from "@/lib/payments/settings";
import { numeric } from "@/lib/validation/numbers";

const anyForm = z.record(z.string(), z.unknown());
const id = numeric(z.number().int().positive());
const message = async (key: string) => (await getTranslations("admin.settings"))(key);

export const saveShopAction = defineAction({ permission: "settings", schema: anyForm }, async (input) => {
  saveShopDetails({ db: getDb(), input });
  revalidatePath("/", "layout");
  invalidateStorefront();
  return { ok: true, message: await message("shopSaved") };
});

export const savePaymentSettingsAction = defineAction({ permission: "settings", schema: anyForm }, async (input) => {
  savePaymentSettings({ db: getDb(), input });
  revalidatePath("/", "layout");
  return { ok: true, message: await message("paymentSaved") };
});

export const createStaffAction = defineAction({ permission: "users", schema: anyForm }, async (input) => {
  createStaff({ db: getDb(), input });
  revalidatePath("/admin/settings");
  invalidateStorefront();
  return { ok: true, message: await message("staffCreated") };
});

export const resetStaffPasswordAction = defineAction(
  { permission: "users", schema: z.object({ id, password: z.string() }) },
  async ({ id, password }) => {
    resetStaffPassword({ db: getDb(), id, password });
    return { ok: true, message: await message("passwordReset") };
  },
);

export const setStaffActiveAction = defineAction(
  { permission: "users", schema: z.object({ id, active: z.enum(["true", "false"]) }) },
  async ({ id, active }) => {
    setStaffActive({ db: getDb(), id, active: active === "true" });
    revalidatePath("/admin/settings");
    invalidateStorefront();
    return { ok: true, message: await message(active === "true" ? "reactivated" : "deactivated") };
  },
);

/** The plain key goes back once, in the action's answer; only its hash is stored. */
export const createApiKeyAction = defineAction(
  { permission: "api_keys", schema: z.object({ name: z.string().max(200), scope: z.enum(["owner", "staff"], { error: "role_choose" }) }) },
  async ({ name, scope }) => {
    const created = createApiKey({ db: getDb(), name, scope });
    revalidatePath("/admin/settings");
    invalidateStorefront();
    return { ok: true, message: await message("keyCreated"), data: { key: created.key } };
  },
);

export const revokeApiKeyAction = defineAction({ permission: "api_keys", schema: z.object({ id }) }, async ({ id }) => {
  revokeApiKey({ db: getDb(), id });
  revalidatePath("/admin/settings");
  invalidateStorefront();
  return { ok: true, message: await message("keyRevoked") };
});
