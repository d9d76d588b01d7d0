"use server";

import { revalidatePath } from "next/cache";
import { invalidateStorefront } from "@/lib/storefront/cache";
import { cookies, headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/actions";
import { clientAddressOf } from "@/lib/api/http";
import { AppError } from "@/lib/errors";
import { setMarketingConsentForPhone } from "@/lib/customers/confirmed-phone";
import {
  limitCodeChecks,
  limitCodeRequests,
  phoneCodeCheckInput,
  phoneCodeRequestInput,
  requestPhoneCode,
  verifyPhoneCode,
} from "@/lib/customer-record/phone-confirmation";
import { PHONE_SESSION_COOKIE, readPhoneSession, signPhoneSession } from "@/lib/customers/phone-session";
import { subscribeRestock } from "@/lib/restock/alerts";

/** The phone this browser confirmed, or `forbidden` (the form then asks for a code). */
async function confirmedPhone(): Promise<string> {
  const phone = readPhoneSession({ value: (await cookies()).get(PHONE_SESSION_COOKIE)?.value });
  if (!phone) throw new AppError("forbidden", { message: "phone_confirm_first" });
  return phone;
}

/** Send a code (limited per phone and per address, as `POST /api/v1/phone-confirmations`). */
export const requestCodeAction = defineAction({ permission: null, schema: phoneCodeRequestInput }, async ({ phone }) => {
  limitCodeRequests({ phone, client: clientAddressOf(await headers()) });
  requestPhoneCode({ db: getDb(), phone, locale: (await getLocale()) === "en" ? "en" : "ko" });
  return { ok: true };
});

/** Check the code; the right one gives this browser a short-lived phone session. */
export const verifyCodeAction = defineAction({ permission: null, schema: phoneCodeCheckInput }, async ({ phone, code }) => {
  limitCodeChecks({ client: clientAddressOf(await headers()) });
  verifyPhoneCode({ db: getDb(), phone, code });
  const session = signPhoneSession({ phone });
  const h = await headers();
  (await cookies()).set(PHONE_SESSION_COOKIE, session.value, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: h.get("x-forwarded-proto") === "https",
    expires: new Date(session.expiresAt),
  });
  revalidatePath("/find");
  return { ok: true };
});

export const endPhoneSessionAction = defineAction({ permission: null, schema: z.object({}) }, async () => {
  (await cookies()).delete(PHONE_SESSION_COOKIE);
  revalidatePath("/find");
  return { ok: true };
});

export const setMarketingAction = defineAction(
  { permission: null, schema: z.object({ marketing: z.enum(["on", "off"]) }) },
  async ({ marketing }) => {
    setMarketingConsentForPhone({ db: getDb(), phone: await confirmedPhone(), granted: marketing === "on" });
    revalidatePath("/find");
    return { ok: true };
  },
);

export const subscribeRestockAction = defineAction(
  { permission: null, schema: z.object({ product_id: z.coerce.number().int().positive(), privacy: z.string().optional() }) },
  async ({ product_id, privacy }) => {
    subscribeRestock({ db: getDb(), phone: await confirmedPhone(), productId: product_id, privacyConsent: privacy === "on" });
    revalidatePath("/");
    invalidateStorefront();
    return { ok: true };
  },
);
