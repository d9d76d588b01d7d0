import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/(auth)/actions";
import { ADMIN_NAV } from "@/components/admin/nav-items";
import { LocaleSwitcher } from "@/components/ui/locale-switcher";
import { MessagesProvider } from "@/components/ui/messages-provider";
import { ADMIN_CLIENT_NAMESPACES } from "@/i18n/messages";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/db/client";
import { getShopSettings } from "@/lib/shop/settings";
import { setLocaleAction } from "@/app/locale-action";

export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  // Every page below checks its own permission too; this only requires a signed-in user.
  const user = await requirePagePermission("orders", "/admin");
  const t = await getTranslations("admin.nav");
  const shop = getShopSettings({ db: getDb() });
  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[220px_1fr]">
      <aside className="border-b border-stone-200 bg-white lg:min-h-dvh lg:border-r lg:border-b-0">
        <div className="flex items-center justify-between px-4 py-4 lg:block">
          <Link href="/admin" className="block text-lg font-bold text-brand-700">
            {shop.name}
          </Link>
          <p className="text-sm text-stone-600">
            {user.name} · {t(`role.${user.role}`)}
          </p>
        </div>
        <nav aria-label={t("label")} className="flex gap-1 overflow-x-auto px-2 pb-2 lg:flex-col lg:pb-4">
          {ADMIN_NAV.filter((item) => can(user.role, item.permission)).map((item) => (
            <Link
              key={item.href}
              href={item.href}
              className="flex min-h-11 shrink-0 items-center rounded-lg px-3 text-base font-medium text-stone-700 hover:bg-brand-50 hover:text-brand-700"
            >
              {t(item.key)}
            </Link>
          ))}
          <Link href="/" className="flex min-h-11 shrink-0 items-center rounded-lg px-3 text-base text-stone-600 hover:bg-brand-50">
            {t("storefront")}
          </Link>
        </nav>
        <div className="flex items-center gap-2 px-4 pb-4">
          <form action={signOutAction}>
            <button type="submit" className="min-h-11 rounded-lg px-3 text-base text-stone-600 hover:bg-stone-100">
              {t("signOut")}
            </button>
          </form>
          <LocaleSwitcher action={setLocaleAction} />
        </div>
      </aside>
      <main className="min-w-0 px-4 py-6 lg:px-8">
        <MessagesProvider namespaces={ADMIN_CLIENT_NAMESPACES}>{children}</MessagesProvider>
      </main>
    </div>
  );
}
