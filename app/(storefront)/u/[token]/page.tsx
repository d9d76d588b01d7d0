import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { OptOutForm } from "@/components/storefront/opt-out-form";
import { optOutState } from "@/lib/messages/advertising";
import { optOutAction } from "@/app/(storefront)/actions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("storefront");
  return { title: t("optOutTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

/**
 * The free opt-out link every advertising message carries. Opening it shows one button: a
 * bare GET must not withdraw, because messenger apps fetch links to draw their previews.
 */
export default async function OptOutPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const state = optOutState({ db: getDb(), token });
  if (!state) notFound();
  const t = await getTranslations("storefront");
  return (
    <main className="space-y-5">
      <header>
        <p className="text-stone-700">{state.shopName}</p>
        <h1 className="text-2xl font-bold">{t("optOutTitle")}</h1>
      </header>
      {state.subscribed ? (
        <OptOutForm token={token} action={optOutAction} />
      ) : (
        <p
          role="status"
          className="rounded-2xl border border-green-300 bg-green-50 p-4 font-semibold text-green-900"
          data-testid="opt-out-done"
        >
          {t("optOutDone")}
        </p>
      )}
    </main>
  );
}
