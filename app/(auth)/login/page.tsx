import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { currentUser } from "@/lib/auth/session";
import { isSetUp } from "@/lib/shop/settings";
import { SignInForm } from "@/components/auth/sign-in-form";
import { signInAction } from "@/app/(auth)/actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("common.meta"))("login") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ from?: string }> }) {
  if (!isSetUp({ db: getDb() })) redirect("/setup");
  if (await currentUser()) redirect("/admin");
  const { from } = await searchParams;
  const t = await getTranslations("auth");
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center px-5 py-10">
      <h1 className="mb-1 text-2xl font-bold">{t("signInTitle")}</h1>
      <p className="mb-6 text-stone-600">{t("signInLead")}</p>
      <SignInForm from={from} action={signInAction} />
    </main>
  );
}
