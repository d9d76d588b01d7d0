import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { isSetUp } from "@/lib/shop/settings";
import { SetupForm } from "@/components/auth/setup-form";
import { setupAction } from "@/app/(auth)/actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("common.meta"))("setup") };
}
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  // Gone for good once the owner exists.
  if (isSetUp({ db: getDb() })) notFound();
  const t = await getTranslations("auth");
  return (
    <main className="mx-auto max-w-lg px-5 py-10">
      <h1 className="mb-1 text-2xl font-bold">{t("setupTitle")}</h1>
      <p className="mb-6 text-stone-600">{t("setupLead")}</p>
      <SetupForm action={setupAction} />
    </main>
  );
}
