import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { buttonClass } from "@/components/ui/button-class";
import { inputClass } from "@/components/ui/field";
import { can } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { searchCustomers } from "@/lib/customer-record/card";
import { formatPhone } from "@/lib/customers/phone";
import { formatDateTime } from "@/lib/format";
import { cn } from "@/components/ui/cn";

export default async function CustomersPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const user = await requirePagePermission("customers", "/admin/customers");
  const { q = "" } = await searchParams;
  const t = await getTranslations("consult.customers");
  const locale = await getLocale();
  const rows = searchCustomers({ db: getDb(), q });
  return (
    <div className="max-w-4xl">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        {can(user.role, "access_log") && (
          <Link href="/admin/customers/access-log" className={buttonClass("ghost")}>
            {t("accessLog")}
          </Link>
        )}
      </div>
      <form role="search" className="mt-4 flex gap-2" action="/admin/customers">
        <label htmlFor="customer-q" className="sr-only">
          {t("searchLabel")}
        </label>
        <input id="customer-q" name="q" defaultValue={q} placeholder={t("searchPlaceholder")} className={cn(inputClass, "min-w-0")} />
        <button type="submit" className={buttonClass("primary", "shrink-0 whitespace-nowrap")}>
          {t("search")}
        </button>
      </form>
      {rows.length === 0 ? (
        <p className="mt-6 text-stone-600">{q ? t("noResults") : t("empty")}</p>
      ) : (
        <ul className="mt-6 divide-y divide-stone-200 rounded-2xl border border-stone-200 bg-white" data-testid="customer-results">
          {rows.map((c) => (
            <li key={c.id}>
              <Link
                href={`/admin/customers/${c.id}`}
                className="flex min-h-14 flex-wrap items-center justify-between gap-2 px-4 py-3 hover:bg-brand-50"
              >
                <span className="text-lg font-semibold">{c.name ?? t("noName")}</span>
                <span className="text-stone-700">
                  {c.phone ? formatPhone(c.phone) : "—"}
                  {c.lastPurchaseAt && (
                    <span className="ml-3 text-sm text-stone-600">
                      {t("lastPurchase", { at: formatDateTime(c.lastPurchaseAt, locale) })}
                    </span>
                  )}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
