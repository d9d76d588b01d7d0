"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { resolveLocale } from "@/i18n/messages";

export async function setLocaleAction(form: FormData): Promise<void> {
  (await cookies()).set("locale", resolveLocale(String(form.get("locale") ?? "")), { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
  revalidatePath("/", "layout");
}
