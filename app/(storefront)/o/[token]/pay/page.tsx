import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { TossCheckout } from "@/components/storefront/toss-checkout";
import { formatTime, formatWon } from "@/lib/format";
import { tossConfig } from "@/lib/payments/adapters/toss";
import { paymentFailureKey } from "@/lib/payments/failures";
import { customerOrderView } from "@/lib/storefront/order-view";
import { publicUrl } from "@/lib/web/request";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("storefront.pay");
  return { title: t("title"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

/** The payment step of a prepaid order: the amount, the hold's end, and the provider's pay button. */
export default async function PayPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ code?: string }>;
}) {
  const { token } = await params;
  const { code } = await searchParams;
  const order = customerOrderView({ db: getDb(), token });
  if (!order) notFound();
  if (order.status !== "awaiting_payment") redirect(`/o/${order.token}`);
  const t = await getTranslations("storefront.pay");
  const locale = await getLocale();
  const config = tossConfig();
  const paymentOrderId = order.payment.providerOrderId;
  const h = await headers();
  const orderName =
    order.items.length > 1
      ? t("orderName", { first: order.items[0].name, more: order.items.length - 1 })
      : (order.items[0]?.name ?? order.code);
  const holdUntil = formatTime(order.payment.holdUntil ?? 0, locale, order.shop.timezone);

  return (
    <main className="space-y-5">
      <header>
        <p className="text-stone-700">{order.shop.name}</p>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
      </header>
      {code && (
        <p
          role="alert"
          data-testid="pay-error"
          className="rounded-2xl border-2 border-red-300 bg-red-50 px-4 py-3 font-semibold text-red-900"
        >
          {t(`failure.${paymentFailureKey(code)}`, { time: holdUntil })}
        </p>
      )}
      <section className="rounded-2xl border border-stone-200 bg-white p-4" aria-labelledby="pay-amount">
        <h2 id="pay-amount" className="text-base font-semibold text-stone-700">
          {t("amount")}
        </h2>
        <p className="text-3xl font-black" data-testid="pay-total">
          {formatWon(order.total, locale)}
        </p>
        <ul className="mt-2 text-stone-700">
          {order.items.map((item, i) => (
            <li key={i}>
              {item.name} × {item.quantity}
            </li>
          ))}
        </ul>
        <p className="mt-3 font-semibold text-amber-900" data-testid="pay-hold">
          {t("holdUntil", { time: holdUntil })}
        </p>
      </section>
      {config && paymentOrderId ? (
        <TossCheckout
          clientKey={config.clientKey}
          checkoutUrl={config.checkoutUrl}
          request={{
            orderId: paymentOrderId,
            orderName,
            amount: order.total,
            customerName: order.customerName,
            successUrl: publicUrl(h, `/o/${order.token}/pay/confirm`),
            failUrl: publicUrl(h, `/o/${order.token}/pay`),
          }}
          labels={{ pay: t("pay", { total: formatWon(order.total, locale) }), loading: t("loading"), loadFailed: t("loadFailed") }}
        />
      ) : (
        <p role="alert">{t("unavailable")}</p>
      )}
      <Link
        href={`/o/${order.token}`}
        className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline underline-offset-2"
      >
        {t("toOrder")}
      </Link>
    </main>
  );
}
