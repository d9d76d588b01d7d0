import { getTranslations } from "next-intl/server";
import type { Review, SaleReview } from "@/db/schema";
import type { FormAction } from "@/lib/actions";
import { ActionForm } from "@/components/ui/action-form";

/**
 * The review request after a pickup (/o/[token]) or a claimed receipt (/r/[token]): replaced
 * by the review itself once given (one per order or sale). The page reads the review
 * (`reviewForOrder` / `reviewForSale`) and hands in the action and the hidden field that
 * names what is reviewed (`orderToken` on the order page, `token` on the receipt).
 */
export async function ReviewForm({
  target,
  existing,
  action,
}: {
  target: { name: string; value: string };
  existing: Pick<Review | SaleReview, "rating" | "comment"> | undefined;
  action: FormAction;
}) {
  const t = await getTranslations("consult.review");
  return (
    <section aria-labelledby="review-title" className="rounded-2xl border border-stone-200 bg-white p-4" data-testid="review-section">
      <h2 id="review-title" className="mb-2 text-lg font-bold">
        {existing ? t("thanksTitle") : t("title")}
      </h2>
      {existing ? (
        <div data-testid="review-given">
          <p className="text-xl text-brand-600" aria-label={t("ratingOf", { rating: existing.rating })}>
            {"★".repeat(existing.rating)}
            <span className="text-stone-300">{"★".repeat(5 - existing.rating)}</span>
          </p>
          {existing.comment && <p className="mt-1 whitespace-pre-wrap">{existing.comment}</p>}
        </div>
      ) : (
        <ActionForm
          progressive
          action={action}
          submitLabel={t("send")}
          pendingLabel={t("sending")}
          testId="review-form"
          fields={[
            { kind: "hidden", ...target },
            {
              kind: "rating",
              name: "rating",
              label: t("rating"),
              options: [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t("stars", { n }) })),
            },
            { kind: "textarea", name: "comment", label: t("comment"), rows: 3 },
          ]}
        />
      )}
    </section>
  );
}
