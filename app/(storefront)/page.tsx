import type { Metadata } from "next";
import Link from "next/link";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { DateStrip } from "@/components/storefront/date-strip";
import { OrderForm } from "@/components/storefront/order-form";
import { ShopInfo } from "@/components/storefront/shop-info";
import { Notice } from "@/components/ui/notice";
import { ProductPhoto } from "@/components/ui/product-photo";
import { formatDate, formatDateTime, formatWon } from "@/lib/format";
import { particle } from "@/lib/korean-particle";
import { isSetUp } from "@/lib/shop/settings";
import { cachedStorefrontMenu } from "@/lib/storefront/menu";
import { RestockButton } from "@/components/storefront/restock-button";
import { PHONE_SESSION_COOKIE, readPhoneSession } from "@/lib/customers/phone-session";
import { restockViewer, sweepRestock } from "@/lib/restock/alerts";
import { sharePreview } from "@/lib/storefront/share-preview";
import { FRESH_HEADER, ORDER_KEY_HEADER } from "@/lib/storefront/html-cache";
import { placeOrderAction } from "./actions";
import { requestCodeAction, subscribeRestockAction, verifyCodeAction } from "./phone-actions";
import { cn } from "@/components/ui/cn";

const restockActions = { subscribe: subscribeRestockAction, requestCode: requestCodeAction, verifyCode: verifyCodeAction };

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("storefront");
  const shop = sharePreview({ db: getDb() });
  if (!shop) return { title: t("metaTitle") };
  const description = [t("metaDescription", { shop: shop.shopName }), shop.address].filter(Boolean).join(" ");
  const locale = await getLocale();
  return {
    // A layout's title template does not reach the page beside it: name the shop here.
    title: { absolute: `${t("metaTitle")} · ${shop.shopName}` },
    description,
    openGraph: { title: shop.shopName, description, siteName: shop.shopName, type: "website", locale: locale === "en" ? "en_US" : "ko_KR" },
    twitter: { card: "summary_large_image", title: shop.shopName, description },
  };
}

type Search = { date?: string | string[]; cart?: string | string[] };

export default async function StorefrontPage({ searchParams }: { searchParams: Promise<Search> }) {
  const db = getDb();
  if (!isSetUp({ db })) redirect("/setup");
  const { date, cart } = await searchParams;
  // An ordering window that opened (or a hold that ran out) since the last write: tell waiters first.
  sweepRestock({ db });
  const viewer = restockViewer({ db, phone: readPhoneSession({ value: (await cookies()).get(PHONE_SESSION_COOKIE)?.value }) });
  const request = await headers();
  // The proxy picks the order form's idempotency key (fresh per response, also when it serves the shared page).
  const orderKey = request.get(ORDER_KEY_HEADER) ?? crypto.randomUUID();
  const menu = cachedStorefrontMenu({ db, date: typeof date === "string" ? date : null, cart, refresh: request.has(FRESH_HEADER) });
  const t = await getTranslations("storefront");
  const locale = await getLocale();
  const when = (ms: number) => formatDateTime(ms, locale, menu.timezone);
  const day = (d: string) => formatDate(d, locale);
  const cartQuery = typeof cart === "string" && cart ? `&cart=${encodeURIComponent(cart)}` : "";
  const selected = menu.selected;
  const nextOpening = menu.next ? t("nextOpening", { time: when(menu.next.opensAt), date: day(menu.next.date) }) : t("noNextOpening");

  return (
    <main className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{menu.shopName}</h1>
        <p className="mt-1 text-stone-700">{t("lead")}</p>
      </header>

      {menu.requested && (
        <div className="space-y-2" data-testid="date-closed">
          <Notice tone="info" testId="date-state">
            <p className="font-semibold">
              {t(`requested.${menu.requested.state}`, {
                date: day(menu.requested.date),
                dateParticle: particle(day(menu.requested.date), "은/는"),
              })}
            </p>
            <p>{nextOpening}</p>
          </Notice>
          {menu.dates.some((d) => d.open) && (
            <Link href="/" className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline underline-offset-2">
              {t("seeOpenDates")}
            </Link>
          )}
        </div>
      )}

      {!menu.requested && !menu.dates.some((d) => d.open) && (
        <Notice tone="info" testId="date-state">
          <p className="font-semibold">{t("noOpenDates")}</p>
          <p>{nextOpening}</p>
        </Notice>
      )}

      {menu.dates.length > 0 && (
        <nav aria-labelledby="dates-heading">
          <h2 id="dates-heading" className="mb-2 text-lg font-bold">
            {t("pickupDate")}
          </h2>
          <DateStrip prevLabel={t("datesPrev")} nextLabel={t("datesNext")}>
            {menu.dates.map((d) => {
              const current = selected?.date === d.date;
              return (
                <li key={d.date} className="shrink-0">
                  <Link
                    href={`/?date=${d.date}${cartQuery}`}
                    // Each chip in view would fetch its date's page while this one hydrates.
                    prefetch={false}
                    aria-current={current ? "date" : undefined}
                    className={cn(
                      "flex min-h-14 min-w-24 flex-col justify-center rounded-xl border px-3 py-1.5 text-center",
                      current ? "border-brand-600 bg-brand-600 text-white" : "border-stone-300 bg-white text-ink",
                    )}
                  >
                    <span className="font-semibold">{day(d.date)}</span>
                    <span className={cn("text-xs", current ? "text-white" : "text-stone-600")}>
                      {d.open ? t("dateOpen") : t("dateOpensAt", { time: when(d.opensAt) })}
                    </span>
                  </Link>
                </li>
              );
            })}
          </DateStrip>
        </nav>
      )}

      {selected && (
        <section aria-labelledby="menu-heading" className="space-y-4">
          <h2 id="menu-heading" className="text-lg font-bold">
            {t("productsFor", { date: day(selected.date) })}
          </h2>
          {!selected.open && (
            <Notice tone="info" testId="date-state">
              {t("notOpenYet", { date: day(selected.date), time: when(selected.opensAt) })}
            </Notice>
          )}
          {menu.products.length === 0 ? (
            <p className="text-stone-600">{t("noProducts")}</p>
          ) : selected.open ? (
            <OrderForm
              key={selected.date}
              date={selected.date}
              dateLabel={day(selected.date)}
              slots={selected.slots}
              products={menu.products}
              consent={menu.consent}
              initialCart={menu.initialCart}
              idempotencyKey={orderKey}
              restock={viewer}
              actions={{ ...restockActions, placeOrder: placeOrderAction }}
              prepayment={menu.prepayment}
            />
          ) : (
            <ul className="space-y-3">
              {menu.products.map((p) => (
                <li key={p.id} className="flex gap-3 rounded-2xl border border-stone-200 bg-white p-4">
                  {p.photoKey && <ProductPhoto photoKey={p.photoKey} alt={p.name} sizes="96px" className="size-24 shrink-0 rounded-xl" />}
                  <div>
                    <h3 className="text-lg font-bold">{p.name}</h3>
                    {p.description && <p className="text-sm text-stone-600">{p.description}</p>}
                    <p className="mt-1 font-semibold">{formatWon(p.price, locale)}</p>
                  </div>
                </li>
              ))}
            </ul>
          )}
          {menu.notOffered.length > 0 && (
            <details className="rounded-2xl border border-stone-200 bg-white px-4" data-testid="not-offered">
              <summary className="flex min-h-12 cursor-pointer items-center font-semibold">
                {t("notOfferedTitle", { date: day(selected.date), count: menu.notOffered.length })}
              </summary>
              <ul className="divide-y divide-stone-200 border-t border-stone-200">
                {menu.notOffered.map((p) => (
                  <li key={p.id} className="flex items-center justify-between gap-3 py-2">
                    <span className="min-w-0">
                      <span className="block font-semibold">{p.name}</span>
                      <span className="text-sm text-stone-600">{formatWon(p.price, locale)}</span>
                    </span>
                    <RestockButton productId={p.id} productName={p.name} viewer={viewer} actions={restockActions} />
                  </li>
                ))}
              </ul>
            </details>
          )}
        </section>
      )}

      <ShopInfo shop={menu.shop} />
    </main>
  );
}
