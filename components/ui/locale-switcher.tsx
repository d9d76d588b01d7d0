import { getLocale, getTranslations } from "next-intl/server";

/** Korean by default; English on request, remembered in a cookie. */
export async function LocaleSwitcher({ action }: { action: (form: FormData) => Promise<void> }) {
  const locale = await getLocale();
  const t = await getTranslations("common");
  const next = locale === "ko" ? "en" : "ko";
  return (
    <form action={action}>
      <input type="hidden" name="locale" value={next} />
      <button type="submit" className="min-h-11 rounded-lg px-3 text-sm text-stone-600 underline-offset-2 hover:underline" lang={next}>
        {next === "en" ? t("english") : t("korean")}
      </button>
    </form>
  );
}
