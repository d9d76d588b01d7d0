import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { findOrderByToken } from "@/lib/orders/customer-actions";
import { reviewForOrder } from "@/lib/reviews/reviews";
import { ActionForm } from "./action-form";
import { submitReviewAction } from "./review-actions";

/**
 * The review request on the order page (/o/[token]): shown once the order is picked up,
 * replaced by the review itself once given (one per order). Server component — place it as
 * `<ReviewForm orderToken={token} />`.
 */
export async function ReviewForm({ orderToken }: { orderToken: string }) {
  const db = getDb();
  const order = findOrderByToken({ db, token: orderToken });
  if (!order || order.status !== "picked_up") return null;
  const t = await getTranslations("consult.review");
  const existing = reviewForOrder({ db, orderId: order.id });
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
          action={submitReviewAction}
          submitLabel={t("send")}
          pendingLabel={t("sending")}
          testId="review-form"
          fields={[
            { kind: "hidden", name: "orderToken", value: orderToken },
            { kind: "rating", name: "rating", label: t("rating"), options: [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t("stars", { n }) })) },
            { kind: "textarea", name: "comment", label: t("comment"), rows: 3 },
          ]}
        />
      )}
    </section>
  );
}
