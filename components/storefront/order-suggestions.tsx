import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button-class";
import { particle } from "@/lib/korean-particle";
import { formatCartParam } from "@/lib/storefront/cart-param";

/** "같이 담아 갈까요?" on the order page: each suggested product opens the storefront with it in the cart. */
export async function OrderSuggestions({ suggestions }: { suggestions: { productId: number; name: string; forName: string }[] }) {
  const t = await getTranslations("storefront");
  const forName = suggestions[0].forName;
  return (
    <section
      aria-labelledby="suggest-heading"
      className="rounded-2xl border border-brand-200 bg-brand-50 p-4"
      data-testid="order-suggestions"
    >
      <h2 id="suggest-heading" className="text-lg font-bold">
        {t("suggestTitle")}
      </h2>
      {forName && (
        <p className="mt-1 text-stone-700">
          {t("suggestLead", { product: forName, product_josa: particle(forName, "을/를") === "를" ? "vowel" : "consonant" })}
        </p>
      )}
      <ul className="mt-3 space-y-2">
        {suggestions.map((s) => (
          <li key={s.productId}>
            <Link
              href={`/?cart=${formatCartParam([{ productId: s.productId, quantity: 1 }])}`}
              className={buttonClass("secondary", "w-full justify-between")}
            >
              {t("suggestOrder", { product: s.name })}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
