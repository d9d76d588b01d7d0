"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction, errorState, formToObject, type ActionState } from "@/lib/actions";
import { AppError } from "@/lib/errors";
import { signIn, signOut } from "@/lib/auth/auth";
import { seedDemo } from "@/db/seed-demo";
import { createShop } from "@/lib/setup/create-shop";

/** Only same-site paths: never an open redirect. */
function safeFrom(from: unknown): string {
  return typeof from === "string" && /^\/(?!\/)[\w\-/?=&%.]*$/.test(from) ? from : "/admin";
}

export async function signInAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const { email, password, from } = formToObject(form);
  if (!email || !password) return errorState(new AppError("validation", { message: "sign_in_both_required" }));
  // The throttle lives in the credentials check itself (lib/auth/sign-in-throttle.ts).
  try {
    await signIn("credentials", { email, password, redirectTo: safeFrom(from) });
    return { ok: true };
  } catch (e) {
    if (e instanceof CredentialsSignin && e.code === "throttled")
      return errorState(new AppError("rate_limited", { message: "sign_in_too_many" }));
    // One message for both: never tell which of email or password was wrong.
    if (e instanceof AuthError) return errorState(new AppError("unauthorized", { message: "sign_in_failed" }));
    return errorState(e);
  }
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}

const setupSchema = z
  .object({
    shopName: z.string().trim().min(1, "shop_name_required").max(60, "shop_name_too_long"),
    ownerName: z.string().trim().max(40).optional(),
    email: z.string().trim().email("email_invalid"),
    password: z.string().min(8, "password_min").max(200),
    passwordConfirm: z.string(),
    opensTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "time_format"),
    cutoffTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "time_format"),
    slotCapacity: z.coerce.number().int().min(1, "number_min").max(500, "number_max"),
    demo: z.literal("on").optional(),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], message: "password_mismatch" });

/** First-run setup: public only until an owner exists (createShop refuses afterwards). */
export const setupAction = defineAction({ permission: null, schema: setupSchema }, async (input) => {
  const db = getDb();
  createShop({ db, input });
  if (input.demo === "on") seedDemo({ db });
  await signIn("credentials", { email: input.email, password: input.password, redirect: false });
  redirect("/admin");
});
