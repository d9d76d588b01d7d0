import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button-class";

export default async function OrderNotFound() {
  const t = await getTranslations("storefront");
  return (
    <main className="space-y-4 py-10 text-center">
      <h1 className="text-2xl font-bold">{t("notFoundTitle")}</h1>
      <p className="text-stone-700">{t("notFoundBody")}</p>
      <Link href="/" className={buttonClass("primary")}>
        {t("backToShop")}
      </Link>
    </main>
  );
}
