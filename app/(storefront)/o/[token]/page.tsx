import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { CancelOrder, CheckInButton, CheckInOpensAt, EditOrder } from "@/components/storefront/order-actions";
import { LiveOrder } from "@/components/storefront/live-order";
import { KeepLink } from "@/components/storefront/keep-link";
import { ShopInfo } from "@/components/storefront/shop-info";
import { PushOptIn } from "@/components/storefront/push-opt-in";
import { buttonClass } from "@/components/ui/button-class";
import { QrCode } from "@/components/ui/qr-code";
import { ReviewForm } from "@/components/consult/review-form";
import { OrderSuggestions } from "@/components/storefront/order-suggestions";
import { formatDate, formatDateTime, formatTime, formatWon } from "@/lib/format";
import { orderPushState } from "@/lib/messages/push-subscriptions";
import { customerOrderView, type CustomerOrderView } from "@/lib/storefront/order-view";
import { cancelOrderAction, checkInAction, editOrderAction, subscribePushAction } from "@/app/(storefront)/actions";
import { reviewForOrder } from "@/lib/reviews/reviews";
import { submitReviewAction } from "./review-actions";
import { cn } from "@/components/ui/cn";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("storefront");
  // A secret link: keep it out of search engines and other sites' referrer logs.
  return { title: t("orderTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

const TONE: Record<CustomerOrderView["status"], string> = {
  awaiting_payment: "border-amber-300 bg-amber-50 text-amber-950",
  expired: "border-stone-300 bg-stone-100 text-stone-800",
  placed: "border-sky-200 bg-sky-50 text-sky-950",
  ready: "border-brand-500 bg-brand-50 text-brand-700",
  arrived: "border-amber-300 bg-amber-50 text-amber-950",
  picked_up: "border-green-300 bg-green-50 text-green-900",
  no_show: "border-red-300 bg-red-50 text-red-900",
  cancelled: "border-stone-300 bg-stone-100 text-stone-800",
};

export default async function OrderPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const order = customerOrderView({ db: getDb(), token });
  if (!order) notFound();
  const t = await getTranslations("storefront");
  const locale = await getLocale();
  const tz = order.shop.timezone;

  const message =
    order.status === "ready"
      ? order.rackSlot
        ? t("status.ready", { rack: order.rackSlot })
        : t("status.readyCounter")
      : order.status === "arrived" && order.rackSlot
        ? t("status.arrivedRack", { rack: order.rackSlot })
        : order.status === "awaiting_payment"
          ? t("status.awaiting_payment", { time: formatTime(order.payment.holdUntil ?? 0, locale, tz) })
          : t(`status.${order.status}`);
  const live = order.status !== "picked_up" && order.status !== "no_show" && order.status !== "cancelled" && order.status !== "expired";

  return (
    <main className="space-y-5">
      {live && <LiveOrder token={order.token} />}
      <header>
        <p className="text-stone-700">{order.shop.name}</p>
        <h1 className="text-2xl font-bold">{t("orderTitle")}</h1>
      </header>

      <div
        role="status"
        aria-live="polite"
        data-testid="order-status"
        data-status={order.status}
        className={cn("rounded-2xl border-2 px-4 py-4 text-xl font-bold", TONE[order.status])}
      >
        {message}
      </div>

      {order.status === "awaiting_payment" && (
        <Link href={`/o/${order.token}/pay`} className={buttonClass("primary", "w-full")} data-testid="go-pay">
          {t("payment.payNow", { total: formatWon(order.total, locale) })}
        </Link>
      )}

      {order.status !== "cancelled" && order.status !== "expired" && order.status !== "awaiting_payment" && (
        <section aria-labelledby="code-heading" className="rounded-2xl border border-stone-200 bg-white p-5 text-center">
          <h2 id="code-heading" className="text-base font-semibold text-stone-700">
            {t("pickupCode")}
          </h2>
          <p className="my-1 font-mono text-6xl font-black tracking-widest" data-testid="pickup-code">
            {order.code}
          </p>
          <div className="mt-3 flex justify-center">
            <QrCode value={order.code} label={t("qrLabel", { code: order.code })} size={200} />
          </div>
          <p className="mt-3 text-sm text-stone-700">{t("codeHint")}</p>
        </section>
      )}

      {order.canCheckIn && <CheckInButton token={order.token} action={checkInAction} />}
      {order.checkInOpensAt !== null && <CheckInOpensAt time={formatTime(order.checkInOpensAt, locale, tz)} />}

      {order.status === "placed" && (
        <PushOptIn token={order.token} {...orderPushState({ db: getDb(), token: order.token })} subscribe={subscribePushAction} />
      )}

      <section aria-labelledby="pickup-heading" className="rounded-2xl border border-stone-200 bg-white p-4">
        <h2 id="pickup-heading" className="text-lg font-bold">
          {t("pickup")}
        </h2>
        <p className="mt-1 text-lg" data-testid="pickup-when">
          {t("pickupWhen", { date: formatDate(order.pickupDate, locale), slot: order.slot })}
        </p>
        {order.customerName && (
          <p className="text-stone-700">
            {t("orderedBy")}: {order.customerName}
          </p>
        )}
      </section>

      {live && (
        <KeepLink path={`/o/${order.token}`} body={t("keepBody")}>
          <a href={`/o/${order.token}/calendar`} download className={buttonClass("secondary", "w-full")}>
            {t("addToCalendar")}
          </a>
        </KeepLink>
      )}

      <section
        aria-labelledby="payment-heading"
        className="rounded-2xl border border-stone-200 bg-white p-4"
        data-testid="order-payment"
        data-paid={order.payment.paid ? "yes" : "no"}
      >
        <h2 id="payment-heading" className="text-lg font-bold">
          {t("payment.heading")}
        </h2>
        <p className="mt-1 text-lg font-semibold">
          {order.payment.prepaid > 0
            ? t("payment.prepaid", { total: formatWon(order.payment.prepaid, locale) })
            : order.payment.paid
              ? t("payment.paid")
              : order.status === "awaiting_payment"
                ? t("payment.awaiting")
                : order.payment.holdExpired
                  ? t("payment.notPaid")
                  : t("payment.atPickup", { total: formatWon(order.total, locale) })}
        </p>
        {order.payment.refunded > 0 && (
          <p data-testid="order-refunded">{t("payment.refunded", { total: formatWon(order.payment.refunded, locale) })}</p>
        )}
        {order.payment.refundPending > 0 && (
          <p data-testid="order-refund-pending">{t("payment.refundPending", { total: formatWon(order.payment.refundPending, locale) })}</p>
        )}
      </section>

      <section aria-labelledby="items-heading" className="rounded-2xl border border-stone-200 bg-white p-4">
        <h2 id="items-heading" className="text-lg font-bold">
          {t("items")}
        </h2>
        <ul className="mt-2 divide-y divide-stone-200">
          {order.items.map((item, i) => (
            <li key={i} className="flex justify-between gap-3 py-2" data-testid="order-item">
              <div>
                <p className="font-semibold">
                  {item.name} × {item.quantity}
                </p>
                {item.options.length > 0 && <p className="text-sm text-stone-600">{item.options.map((o) => o.choice).join(" · ")}</p>}
              </div>
              <span className="shrink-0">{formatWon(item.lineTotal, locale)}</span>
            </li>
          ))}
        </ul>
        {order.coupon && (
          <div className="mt-2 space-y-1 border-t border-stone-200 pt-2 text-stone-700">
            <p className="flex justify-between gap-3">
              <span>{t("subtotal")}</span>
              <span>{formatWon(order.subtotal, locale)}</span>
            </p>
            <p className="flex justify-between gap-3 font-semibold text-brand-700" data-testid="order-discount">
              <span>{t("couponDiscount", { code: order.coupon.code })}</span>
              <span>−{formatWon(order.coupon.discount, locale)}</span>
            </p>
          </div>
        )}
        <div className="mt-2 flex items-baseline justify-between border-t border-stone-200 pt-2">
          <span className="font-semibold">{t("total")}</span>
          <span className="text-xl font-bold" data-testid="order-total">
            {formatWon(order.total, locale)}
          </span>
        </div>
        {order.note && (
          <p className="mt-2 text-sm text-stone-700">
            {t("noteLabel")}: {order.note}
          </p>
        )}
      </section>

      {order.suggestions.length > 0 && <OrderSuggestions suggestions={order.suggestions} />}

      <section aria-labelledby="timeline-heading" className="rounded-2xl border border-stone-200 bg-white p-4">
        <h2 id="timeline-heading" className="text-lg font-bold">
          {t("timeline")}
        </h2>
        <ol className="mt-2 space-y-2 border-l-2 border-stone-200 pl-4" data-testid="timeline">
          {order.timeline.map((e, i) => (
            <li key={i} className="relative">
              <span aria-hidden className="absolute -left-[23px] top-1.5 size-3 rounded-full bg-brand-600" />
              <span className="font-semibold">{t.has(`timelineStatus.${e.status}`) ? t(`timelineStatus.${e.status}`) : e.status}</span>{" "}
              <span className="text-sm text-stone-600">{formatDateTime(e.at, locale, tz)}</span>
            </li>
          ))}
        </ol>
        {live && <p className="mt-3 text-sm text-stone-600">{t("liveHint")}</p>}
      </section>

      {order.status === "picked_up" && (
        <ReviewForm
          target={{ name: "orderToken", value: order.token }}
          existing={reviewForOrder({ db: getDb(), orderId: order.id })}
          action={submitReviewAction}
        />
      )}

      {order.myPageToken && (
        <Link href={`/me/${order.myPageToken}`} className={buttonClass("secondary", "w-full")} data-testid="my-page-link">
          {t("myPage")}
        </Link>
      )}

      {order.canEdit && order.editChoices.length > 0 && (
        <EditOrder
          hidden={{ token: order.token }}
          action={editOrderAction}
          current={`${order.pickupDate}|${order.slot}`}
          choices={order.editChoices.map((d) => ({ ...d, label: formatDate(d.date, locale) }))}
          lines={order.editLines.map((l) => ({ name: l.name, quantity: l.quantity }))}
          deadline={formatDateTime(order.cancelDeadline, locale, tz)}
        />
      )}

      {order.canCancel && (
        <CancelOrder token={order.token} deadline={formatDateTime(order.cancelDeadline, locale, tz)} action={cancelOrderAction} />
      )}

      <ShopInfo shop={order.shop} />
      <div className="text-center">
        <Link href="/" className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline underline-offset-2">
          {t("newOrder")}
        </Link>
      </div>
    </main>
  );
}
