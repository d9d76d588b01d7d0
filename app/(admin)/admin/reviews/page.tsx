import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requirePagePermission } from "@/lib/auth/session";
import { listReviews, reviewSummary } from "@/lib/reviews/reviews";
import { formatDate, formatDateTime } from "@/lib/format";

export default async function ReviewsPage() {
  await requirePagePermission("customers", "/admin/reviews");
  const t = await getTranslations("consult.reviews");
  const locale = await getLocale();
  const rows = listReviews({ db: getDb() });
  const summary = reviewSummary(rows);
  return (
    <div className="max-w-3xl">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1 text-stone-700" data-testid="review-summary">
        {summary.average === null ? t("none") : t("summary", { count: summary.count, average: summary.average })}
      </p>
      <ul className="mt-4 space-y-3">
        {rows.map((r) => (
          <li key={r.id} className="rounded-2xl border border-stone-200 bg-white p-4">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="text-lg text-brand-600" aria-label={t("ratingOf", { rating: r.rating })}>
                {"★".repeat(r.rating)}
                <span className="text-stone-300">{"★".repeat(5 - r.rating)}</span>
              </span>
              <span className="text-sm text-stone-600">{formatDateTime(r.createdAt, locale)}</span>
            </div>
            {r.comment && <p className="mt-1 whitespace-pre-wrap">{r.comment}</p>}
            <p className="mt-1 text-sm text-stone-600">
              {r.customerId ? (
                <Link href={`/admin/customers/${r.customerId}`} className="inline-flex min-h-11 items-center text-brand-700 underline">
                  {r.customerName ?? t("anonymous")}
                </Link>
              ) : (
                t("anonymous")
              )}{" "}
              · {r.orderCode} · {formatDate(r.pickupDate, locale)}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
