"use client";

import { useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button-class";

export type CheckoutRequest = {
  orderId: string;
  orderName: string;
  amount: number;
  customerName: string | null;
  successUrl: string;
  failUrl: string;
};

/**
 * The payment step's pay button. With the provider's widget (`@tosspayments/tosspayments-sdk`,
 * whose script loads from the provider's site — the CSP allows it on this page only): the
 * payment methods and agreement render here, and "결제하기" opens the provider's window, which
 * comes back to `successUrl` or `failUrl`. With a test checkout page configured instead
 * (TOSS_CHECKOUT_URL, the local fake), the button goes there with the same request.
 */
export function TossCheckout({
  clientKey,
  checkoutUrl,
  request,
  labels,
}: {
  clientKey: string;
  checkoutUrl: string | null;
  request: CheckoutRequest;
  labels: { pay: string; loading: string; loadFailed: string };
}) {
  const widgets = useRef<Awaited<ReturnType<typeof loadWidgets>> | null>(null);
  const [state, setState] = useState<"loading" | "ready" | "failed">(checkoutUrl ? "ready" : "loading");

  useEffect(() => {
    if (checkoutUrl) return;
    let live = true;
    loadWidgets(clientKey, request.amount)
      .then((w) => {
        if (!live) return;
        widgets.current = w;
        setState("ready");
      })
      .catch(() => live && setState("failed"));
    return () => {
      live = false;
    };
  }, [checkoutUrl, clientKey, request.amount]);

  if (checkoutUrl) {
    const query = new URLSearchParams({
      clientKey,
      orderId: request.orderId,
      orderName: request.orderName,
      amount: String(request.amount),
      successUrl: request.successUrl,
      failUrl: request.failUrl,
    });
    return (
      <a href={`${checkoutUrl}?${query}`} className={buttonClass("primary", "w-full")} data-testid="pay-button">
        {labels.pay}
      </a>
    );
  }
  return (
    <div className="space-y-3">
      <div id="payment-methods" />
      <div id="payment-agreement" />
      {state === "failed" && (
        <p role="alert" className="font-semibold text-red-800">
          {labels.loadFailed}
        </p>
      )}
      <button
        type="button"
        disabled={state !== "ready"}
        data-testid="pay-button"
        className={buttonClass("primary", "w-full")}
        onClick={() =>
          widgets.current?.requestPayment({
            orderId: request.orderId,
            orderName: request.orderName,
            customerName: request.customerName ?? undefined,
            successUrl: request.successUrl,
            failUrl: request.failUrl,
          })
        }
      >
        {state === "loading" ? labels.loading : labels.pay}
      </button>
    </div>
  );
}

async function loadWidgets(clientKey: string, amount: number) {
  const { loadTossPayments, ANONYMOUS } = await import("@tosspayments/tosspayments-sdk");
  const toss = await loadTossPayments(clientKey);
  const widgets = toss.widgets({ customerKey: ANONYMOUS });
  await widgets.setAmount({ currency: "KRW", value: amount });
  await Promise.all([
    widgets.renderPaymentMethods({ selector: "#payment-methods", variantKey: "DEFAULT" }),
    widgets.renderAgreement({ selector: "#payment-agreement", variantKey: "AGREEMENT" }),
  ]);
  return widgets;
}
