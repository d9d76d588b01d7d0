import type { Metadata } from "next";
import Link from "next/link";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ActionForm } from "@/components/ui/action-form";
import { ReviewForm } from "@/components/consult/review-form";
import { PhoneConfirm } from "@/components/storefront/phone-confirm";
import { buttonClass } from "@/components/ui/button-class";
import { Notice } from "@/components/ui/notice";
import { findCustomerByPhone } from "@/lib/customers/customers";
import { formatPhone } from "@/lib/customers/phone";
import { PHONE_SESSION_COOKIE, readPhoneSession } from "@/lib/customers/phone-session";
import { resolveLocale } from "@/i18n/messages";
import { AppError, errorSentence } from "@/lib/errors";
import { formatDateTime, formatWon } from "@/lib/format";
import { CLAIM_WINDOW_DAYS, loadReceipt } from "@/lib/receipts/receipts";
import { reviewForSale } from "@/lib/reviews/reviews";
import { getShopSettings } from "@/lib/shop/settings";
import { requestCodeAction, verifyCodeAction } from "@/app/(storefront)/phone-actions";
import { requestNow } from "@/lib/web/now";
import { claimReceiptAction, submitSaleReviewAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "영수증", robots: { index: false } };

/**
 * The receipt's QR opens this page (phone width): what was bought, then "포인트 적립" with
 * the phone — confirmed by a one-time code, or, for a customer who cannot get the code, the
 * typed number alone (an unconfirmed claim) — then a short review, as after a pickup.
 */
export default async function ReceiptClaimPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = getDb();
  const receipt = loadReceipt({ db, token });
  if (!receipt) notFound();
  const t = await getTranslations("storefront.receipt");
  const locale = await getLocale();
  const shop = getShopSettings({ db });
  const phone = readPhoneSession({ value: (await cookies()).get(PHONE_SESSION_COOKIE)?.value });
  const expired = !receipt.identified && requestNow() > receipt.claimUntil;
  const own = phone && receipt.sale.customerId ? findCustomerByPhone({ db, phone }) : undefined;
  const myPage = own && own.id === receipt.sale.customerId ? `/me/${own.token}` : null;

  return (
    <main className="space-y-4 pb-6">
      <h1 className="text-2xl font-bold">{t("title", { shop: shop.name })}</h1>
      <section aria-labelledby="receipt-items" className="rounded-2xl border border-stone-200 bg-white p-4" data-testid="receipt-summary">
        <h2 id="receipt-items" className="text-base text-stone-700">
          {formatDateTime(receipt.sale.occurredAt, locale, shop.timezone)}
        </h2>
        <ul className="mt-2 divide-y divide-stone-100">
          {receipt.items.map((i) => (
            <li key={i.productId} className="flex justify-between gap-3 py-2 text-base">
              <span>
                {i.name} ×{i.quantity}
              </span>
              <span className="tabular-nums">{formatWon(i.unitPrice * i.quantity, locale)}</span>
            </li>
          ))}
        </ul>
        {receipt.sale.discount > 0 && (
          <p className="mt-2 flex justify-between text-base" data-testid="receipt-discount">
            <span>{t("discount")}</span>
            <span className="tabular-nums">−{formatWon(receipt.sale.discount, locale)}</span>
          </p>
        )}
        <p className="mt-2 flex justify-between border-t border-stone-200 pt-2 text-lg font-bold">
          <span>{t("total")}</span>
          <span className="tabular-nums">{formatWon(receipt.sale.total, locale)}</span>
        </p>
      </section>

      {receipt.identified ? (
        <section className="rounded-2xl border border-green-300 bg-green-50 p-4" data-testid="receipt-claimed">
          <p className="text-lg font-bold text-green-900">{t("claimed", { points: receipt.sale.pointsEarned })}</p>
          {myPage && (
            <Link href={myPage} className={buttonClass("secondary", "mt-3 w-full")} data-testid="receipt-me-link">
              {t("myPage")}
            </Link>
          )}
        </section>
      ) : expired ? (
        <Notice testId="receipt-expired">
          {errorSentence(
            new AppError("invalid_transition", { message: "receipt_claim_expired", params: { days: CLAIM_WINDOW_DAYS } }),
            resolveLocale(locale),
          )}
        </Notice>
      ) : (
        <section
          aria-labelledby="claim-title"
          className="space-y-4 rounded-2xl border border-stone-200 bg-white p-4"
          data-testid="receipt-claim"
        >
          <div>
            <h2 id="claim-title" className="text-lg font-bold">
              {t("claimTitle")}
            </h2>
            <p className="text-base text-stone-700">
              {t("claimLead", { date: formatDateTime(receipt.claimUntil, locale, shop.timezone) })}
            </p>
          </div>
          {phone ? (
            <ActionForm
              progressive
              action={claimReceiptAction}
              testId="claim-confirmed"
              submitLabel={t("claimAs", { phone: formatPhone(phone) })}
              pendingLabel={t("claiming")}
              fields={[
                { kind: "hidden", name: "token", value: token },
                { kind: "hidden", name: "confirmed", value: "1" },
              ]}
            />
          ) : (
            <>
              <PhoneConfirm testId="receipt-phone-confirm" actions={{ requestCode: requestCodeAction, verifyCode: verifyCodeAction }} />
              <details className="rounded-xl border border-stone-200 p-3" data-testid="claim-unconfirmed">
                <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-brand-700">{t("noCode")}</summary>
                <p className="mb-3 text-sm text-stone-700">{t("noCodeHint")}</p>
                <ActionForm
                  progressive
                  action={claimReceiptAction}
                  submitLabel={t("claimTyped")}
                  pendingLabel={t("claiming")}
                  variant="secondary"
                  fields={[
                    { kind: "hidden", name: "token", value: token },
                    { kind: "tel", name: "phone", label: t("phone"), autoComplete: "tel", inputMode: "tel", required: true },
                  ]}
                />
              </details>
            </>
          )}
        </section>
      )}

      {receipt.identified && (
        <ReviewForm
          target={{ name: "token", value: token }}
          existing={reviewForSale({ db, saleId: receipt.sale.id })}
          action={submitSaleReviewAction}
        />
      )}
    </main>
  );
}
