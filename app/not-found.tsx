import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button-class";
import { LocaleSwitcher } from "@/components/ui/locale-switcher";
import { setLocaleAction } from "@/app/locale-action";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: t("notFound"), robots: { index: false, follow: false } };
}

/** Any address that leads nowhere: in the visitor's language, with the way back to the shop. */
export default async function NotFound() {
  const t = await getTranslations("common");
  return (
    <main
      className="mx-auto flex min-h-dvh max-w-xl flex-col items-center justify-center break-keep px-6 py-10 text-center"
      data-testid="not-found"
    >
      <span aria-hidden className="flex size-16 items-center justify-center rounded-2xl bg-brand-600 text-3xl font-bold text-white">
        {t("appName").slice(0, 1)}
      </span>
      <p className="mt-6 text-sm font-semibold text-stone-600">{t("notFoundCode")}</p>
      <h1 className="mt-1 text-2xl font-bold">{t("notFound")}</h1>
      <p className="mt-3 text-base text-stone-700">{t("notFoundBody")}</p>
      <div className="mt-6 flex w-full flex-col gap-3 sm:w-auto">
        <Link href="/" className={buttonClass("primary", "min-h-12 w-full px-6")}>
          {t("notFoundToShop")}
        </Link>
        <Link
          href="/admin"
          className="inline-flex min-h-11 items-center justify-center font-semibold text-brand-700 underline underline-offset-2"
        >
          {t("notFoundSignIn")}
        </Link>
      </div>
      <div className="mt-8">
        <LocaleSwitcher action={setLocaleAction} />
      </div>
    </main>
  );
}
