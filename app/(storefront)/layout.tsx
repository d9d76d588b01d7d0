import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requestOrigin, sharePreview } from "@/lib/storefront/share-preview";
import { LocaleSwitcher } from "@/components/ui/locale-switcher";
import { MessagesProvider } from "@/components/ui/messages-provider";
import { setLocaleAction } from "@/app/locale-action";
import { STOREFRONT_CLIENT_MESSAGES } from "@/i18n/messages";

/** Every customer page carries the shop's name in its title and share preview. */
export async function generateMetadata(): Promise<Metadata> {
  const shop = sharePreview({ db: getDb() });
  const metadataBase = requestOrigin(await headers());
  if (!shop) return { metadataBase };
  return {
    metadataBase,
    title: { template: `%s · ${shop.shopName}`, default: shop.shopName },
    openGraph: { siteName: shop.shopName, type: "website" },
    twitter: { card: "summary_large_image" },
  };
}

/** The customer's frame: one narrow column sized for a phone, the language switch at the foot. */
export default async function StorefrontLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("storefront");
  return (
    <div className="mx-auto flex min-h-dvh max-w-xl flex-col break-keep px-4 pt-6">
      <div className="flex-1">
        <MessagesProvider namespaces={STOREFRONT_CLIENT_MESSAGES}>{children}</MessagesProvider>
      </div>
      <footer className="mt-10 flex flex-wrap items-center justify-center gap-x-4 border-t border-stone-200 py-4">
        <Link href="/find" className="inline-flex min-h-11 items-center text-sm text-stone-700 underline underline-offset-2">
          {t("findOrders")}
        </Link>
        <Link href="/inquiry" className="inline-flex min-h-11 items-center text-sm text-stone-700 underline underline-offset-2">
          {t("askShop")}
        </Link>
        <LocaleSwitcher action={setLocaleAction} />
      </footer>
    </div>
  );
}
