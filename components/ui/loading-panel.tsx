import { getTranslations } from "next-intl/server";

/** What an area shows while its page is read: a quiet pulse and one sentence for screen readers. */
export async function LoadingPanel() {
  const t = await getTranslations("common");
  return (
    <div role="status" aria-live="polite" className="flex min-h-48 flex-col items-center justify-center gap-3 py-12" data-testid="loading">
      <span aria-hidden className="size-10 animate-pulse rounded-2xl bg-brand-100" />
      <span className="text-base text-stone-600">{t("loading")}</span>
    </div>
  );
}
