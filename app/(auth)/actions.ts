"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction, errorState, formToObject, type ActionState } from "@/lib/actions";
import { signIn, signOut } from "@/lib/auth/auth";
import { seedDemo } from "@/db/seed-demo";
import { createShop } from "@/lib/shop/setup";

/** Only same-site paths: never an open redirect. */
function safeFrom(from: unknown): string {
  return typeof from === "string" && /^\/(?!\/)[\w\-/?=&%.]*$/.test(from) ? from : "/admin";
}

export async function signInAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const { email, password, from } = formToObject(form);
  if (!email || !password) return { ok: false, message: "이메일과 비밀번호를 모두 적어 주세요." };
  // The throttle lives in the credentials check itself (lib/auth/sign-in-throttle.ts).
  try {
    await signIn("credentials", { email, password, redirectTo: safeFrom(from) });
    return { ok: true };
  } catch (e) {
    if (e instanceof CredentialsSignin && e.code === "throttled") return { ok: false, message: "로그인 시도가 너무 많아요. 몇 분 뒤에 다시 시도해 주세요." };
    // One message for both: never tell which of email or password was wrong.
    if (e instanceof AuthError) return { ok: false, message: "이메일 또는 비밀번호가 맞지 않아요." };
    return errorState(e);
  }
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}

const setupSchema = z.object({
  shopName: z.string().trim().min(1, "가게 이름을 적어 주세요.").max(60, "가게 이름은 60자까지예요."),
  ownerName: z.string().trim().max(40).optional(),
  email: z.string().trim().email("이메일 주소를 확인해 주세요."),
  password: z.string().min(8, "비밀번호는 8자 이상이어야 해요.").max(200),
  passwordConfirm: z.string(),
  opensTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "시간을 HH:MM으로 적어 주세요."),
  cutoffTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "시간을 HH:MM으로 적어 주세요."),
  slotCapacity: z.coerce.number().int().min(1, "1 이상이어야 해요.").max(500, "500 이하로 적어 주세요."),
  demo: z.literal("on").optional(),
}).refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], message: "비밀번호가 서로 달라요." });

/** First-run setup: public only until an owner exists (createShop refuses afterwards). */
export const setupAction = defineAction({ permission: null, schema: setupSchema }, async (input) => {
  const db = getDb();
  createShop({ db, input });
  if (input.demo === "on") seedDemo({ db });
  await signIn("credentials", { email: input.email, password: input.password, redirect: false });
  redirect("/admin");
});
