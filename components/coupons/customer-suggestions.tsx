import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/ui/action-form";
import type { ActionState } from "@/lib/actions";
import { particle } from "@/lib/korean-particle";

/** On the customer card: what to suggest from their recent purchases ("권했어요" records it), and their unused coupon codes. */
export async function CustomerSuggestions({
  customerId,
  suggestions,
  codes,
  suggestedAction,
}: {
  customerId: number;
  suggestions: { productId: number; name: string; forProductId: number; forName: string }[];
  codes: { code: string; name: string }[];
  suggestedAction: (prev: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const t = await getTranslations("coupons.card");
  return (
    <div data-testid="card-suggestions">
      {suggestions.length === 0 ? (
        <p className="text-stone-600">{t("none")}</p>
      ) : (
        <ul className="space-y-3">
          {suggestions.map((s) => (
            <li key={s.productId} className="flex flex-wrap items-center justify-between gap-2">
              <div>
                <p className="font-semibold">{s.name}</p>
                <p className="text-sm text-stone-600">
                  {t("lead", { product: s.forName, product_josa: particle(s.forName, "과/와") === "와" ? "vowel" : "consonant" })}
                </p>
              </div>
              <ActionForm
                action={suggestedAction}
                hidden={{ customerId, productId: s.productId, forProductId: s.forProductId }}
                submitLabel={t("suggested")}
              />
            </li>
          ))}
        </ul>
      )}
      {codes.length > 0 && (
        <>
          <h3 className="mt-4 font-semibold">{t("openCodes")}</h3>
          <ul className="mt-1 font-mono text-sm">
            {codes.map((c) => (
              <li key={c.code}>{t("codeLine", { code: c.code, name: c.name })}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
