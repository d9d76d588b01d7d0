import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getDb } from "@/db/client";
import { findShopSettings } from "@/lib/shop/settings";
import { DEFAULT_TIMEZONE } from "@/lib/shop/time";
import { loadMessages, resolveLocale } from "./messages";

export default getRequestConfig(async () => {
  const locale = resolveLocale((await cookies()).get("locale")?.value);
  let timeZone = DEFAULT_TIMEZONE;
  try {
    timeZone = findShopSettings({ db: getDb() })?.timezone ?? DEFAULT_TIMEZONE;
  } catch {
    // Before the first migration there is no settings table yet.
  }
  return { locale, timeZone, messages: await loadMessages(locale) };
});
