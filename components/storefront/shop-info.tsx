import { getTranslations } from "next-intl/server";
import { mapSearchLinks, telHref, type ShopContact } from "@/lib/storefront/shop-contact";

const linkClass = "inline-flex min-h-11 items-center font-semibold text-brand-700 underline underline-offset-2";

/** Where the shop is, how to call it and when it is open: on the storefront and every order page. */
export async function ShopInfo({ shop }: { shop: ShopContact }) {
  if (!shop.address && !shop.phone && !shop.openingHours) return null;
  const t = await getTranslations("storefront");
  const maps = shop.address ? mapSearchLinks(shop.address) : null;
  return (
    <section aria-labelledby="shop-info-heading" className="rounded-2xl border border-stone-200 bg-white p-4" data-testid="shop-info">
      <h2 id="shop-info-heading" className="text-lg font-bold">
        {t("shopInfo")}
      </h2>
      <dl className="mt-2 space-y-3">
        {shop.address && maps && (
          <div>
            <dt className="text-sm font-semibold text-stone-600">{t("address")}</dt>
            <dd className="text-base" data-testid="shop-address">
              {shop.address}
            </dd>
            <dd className="flex flex-wrap gap-x-4">
              <a href={maps.naver} rel="noopener noreferrer" className={linkClass}>
                {t("openMap")} · Naver
              </a>
              <a href={maps.kakao} rel="noopener noreferrer" className={linkClass}>
                {t("openMap")} · Kakao
              </a>
            </dd>
          </div>
        )}
        {shop.phone && (
          <div>
            <dt className="text-sm font-semibold text-stone-600">{t("call")}</dt>
            <dd>
              <a href={telHref(shop.phone)} className={linkClass} data-testid="shop-phone">
                {shop.phone}
              </a>
            </dd>
          </div>
        )}
        {shop.openingHours && (
          <div>
            <dt className="text-sm font-semibold text-stone-600">{t("openingHours")}</dt>
            <dd className="whitespace-pre-line text-base" data-testid="shop-hours">
              {shop.openingHours}
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
