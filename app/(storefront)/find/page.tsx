import type { Metadata } from "next";
import Link from "next/link";
import { cookies } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ActionForm } from "@/components/ui/action-form";
import { PhoneConfirm } from "@/components/storefront/phone-confirm";
import { Badge, STATUS_TONES } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button-class";
import { ordersForConfirmedPhone } from "@/lib/customers/confirmed-phone";
import { formatPhone } from "@/lib/customers/phone";
import { PHONE_SESSION_COOKIE, readPhoneSession } from "@/lib/customers/phone-session";
import { formatDate, formatWon } from "@/lib/format";
import { endPhoneSessionAction, setMarketingAction } from "../phone-actions";
import { requestCodeAction, verifyCodeAction } from "@/app/(storefront)/phone-actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "내 주문 찾기", robots: { index: false } };

/**
 * "내 주문 찾기": on a new device, confirm the phone by code and see that phone's recent and
 * upcoming orders with their links and the private page. Nothing shows before the code.
 */
export default async function FindOrdersPage() {
  const t = await getTranslations("storefront.find");
  const tc = await getTranslations("common");
  const locale = await getLocale();
  const phone = readPhoneSession({ value: (await cookies()).get(PHONE_SESSION_COOKIE)?.value });

  if (!phone) {
    return (
      <main className="space-y-4 pb-6">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-base text-stone-700">{t("lead")}</p>
        <section className="rounded-2xl border border-stone-200 bg-white p-4">
          <PhoneConfirm actions={{ requestCode: requestCodeAction, verifyCode: verifyCodeAction }} />
        </section>
        <Link href="/" className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">
          {t("backToShop")}
        </Link>
      </main>
    );
  }

  const view = ordersForConfirmedPhone({ db: getDb(), phone });
  return (
    <main className="space-y-4 pb-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-base text-stone-700" data-testid="confirmed-phone">
        {t("confirmedAs", { phone: formatPhone(phone) })}
      </p>

      <section aria-labelledby="found-orders" className="rounded-2xl border border-stone-200 bg-white p-4">
        <h2 id="found-orders" className="mb-2 text-lg font-bold">
          {t("ordersTitle")}
        </h2>
        {view.orders.length === 0 ? (
          <p className="text-stone-600">{t("noOrders")}</p>
        ) : (
          <ul className="divide-y divide-stone-200" data-testid="found-orders">
            {view.orders.map((o) => (
              <li key={o.token}>
                <Link href={`/o/${o.token}`} className="flex min-h-14 items-center justify-between gap-3 py-3" data-testid="found-order">
                  <span className="min-w-0">
                    <span className="block font-semibold">
                      {formatDate(o.pickupDate, locale)} · {o.slot}
                    </span>
                    <span className="block text-sm text-stone-700">{o.items.map((i) => `${i.name} ×${i.quantity}`).join(", ")}</span>
                    <span className="block text-sm text-stone-600">
                      {t("code", { code: o.code })} · {formatWon(o.total, locale)}
                    </span>
                  </span>
                  <Badge tone={STATUS_TONES[o.status]}>{tc(`status.${o.status}`)}</Badge>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      {view.customer && (
        <>
          <Link href={`/me/${view.customer.token}`} className={buttonClass("secondary", "w-full")} data-testid="me-link">
            {t("myPage")}
          </Link>
          <section aria-labelledby="marketing" className="rounded-2xl border border-stone-200 bg-white p-4">
            <h2 id="marketing" className="mb-1 text-lg font-bold">
              {t("marketingTitle")}
            </h2>
            <p className="mb-3 text-base text-stone-700" data-testid="marketing-state">
              {view.customer.marketingConsent ? t("marketingOn") : t("marketingOff")}
            </p>
            <ActionForm
              progressive
              action={setMarketingAction}
              fields={[{ kind: "hidden", name: "marketing", value: view.customer.marketingConsent ? "off" : "on" }]}
              submitLabel={view.customer.marketingConsent ? t("marketingStop") : t("marketingStart")}
              variant="secondary"
            />
          </section>
        </>
      )}

      <ActionForm progressive action={endPhoneSessionAction} fields={[]} submitLabel={t("otherPhone")} variant="secondary" />
    </main>
  );
}
