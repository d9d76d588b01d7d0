import { getLocale, getTranslations } from "next-intl/server";
import { setLocaleAction } from "@/app/locale-action";

/** Korean by default; English on request, remembered in a cookie. */
export async function LocaleSwitcher() {
  const locale = await getLocale();
  const t = await getTranslations("common");
  const next = locale === "ko" ? "en" : "ko";
  return (
    <form action={setLocaleAction}>
      <input type="hidden" name="locale" value={next} />
      <button type="submit" className="min-h-11 rounded-lg px-3 text-sm text-stone-600 underline-offset-2 hover:underline" lang={next}>
        {next === "en" ? t("english") : t("korean")}
      </button>
    </form>
  );
}
