import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { CounterForm } from "@/components/rack/counter-form";
import { requirePagePermission } from "@/lib/auth/session";
import { listProductsForDate } from "@/lib/storefront/listing";
import { getShopSettings } from "@/lib/shop/settings";
import { localDate } from "@/lib/shop/time";
import { formatDate } from "@/lib/format";
import { requestNow } from "@/lib/web/now";
import { recordSaleAction } from "./actions";
import { counterSuggestionRules } from "@/lib/suggestions/suggestions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rack"))("counter.title") };
}

export default async function CounterPage() {
  await requirePagePermission("counter", "/admin/counter");
  const t = await getTranslations("rack.counter");
  const locale = await getLocale();
  const db = getDb();
  const today = localDate(requestNow(), getShopSettings({ db }).timezone);
  const products = listProductsForDate({ db, date: today })
    .filter((p) => p.planned > 0)
    .map((p) => ({ id: p.id, name: p.name, price: p.price, available: p.available, photoKey: p.photoKey }));
  return (
    <div className="max-w-5xl">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="mr-auto text-2xl font-bold">{t("title")}</h1>
        <Link
          href="/admin/orders"
          className="inline-flex min-h-11 items-center rounded-xl border border-stone-300 bg-white px-4 font-semibold"
        >
          {t("phoneOrder")}
        </Link>
      </div>
      <p className="mt-1 text-base text-stone-700">{t("intro", { date: formatDate(today, locale) })}</p>
      <CounterForm products={products} recordSale={recordSaleAction} suggestionRules={counterSuggestionRules({ db, now: requestNow() })} />
    </div>
  );
}
