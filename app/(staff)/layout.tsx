import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { LocaleSwitcher } from "@/components/ui/locale-switcher";
import { MessagesProvider } from "@/components/ui/messages-provider";
import { requirePagePermission } from "@/lib/auth/session";
import { getShopSettings } from "@/lib/shop/settings";
import { setLocaleAction } from "@/app/locale-action";

export const dynamic = "force-dynamic";

/** The rack tablet's frame: a slim bar so the board keeps the screen. Every page checks `rack` itself too. */
export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePagePermission("rack", "/rack");
  const t = await getTranslations("rack.nav");
  const shop = getShopSettings({ db: getDb() });
  const link = "flex min-h-11 items-center rounded-lg px-3 text-base font-semibold text-stone-700 hover:bg-brand-50 hover:text-brand-700";
  return (
    <div className="min-h-dvh print:min-h-0">
      <header className="flex flex-wrap items-center gap-x-2 gap-y-1 border-b border-stone-200 bg-white px-3 py-1 print:hidden">
        <span className="mr-2 text-lg font-bold text-brand-700">{shop.name}</span>
        <nav aria-label={t("label")} className="flex flex-wrap gap-1">
          <Link href="/rack" className={link}>
            {t("board")}
          </Link>
          <Link href="/rack/scan" className={link}>
            {t("scan")}
          </Link>
          <Link href="/rack/labels" className={link}>
            {t("labels")}
          </Link>
          <Link href="/admin/counter" className={link}>
            {t("counter")}
          </Link>
          <Link href="/admin" className={link}>
            {t("admin")}
          </Link>
        </nav>
        <span className="ml-auto text-sm text-stone-600">{user.name}</span>
        <LocaleSwitcher action={setLocaleAction} />
      </header>
      <MessagesProvider namespaces={["common", "rack"]}>{children}</MessagesProvider>
    </div>
  );
}
