"use client";

import { Component, lazy, Suspense, useState, type ComponentProps, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions";
import type { PhoneConfirmActions } from "./phone-confirm";

export type RestockViewer = {
  /** This browser has a valid phone session. */
  confirmed: boolean;
  /** The confirmed phone already belongs to a customer (no privacy consent to ask). */
  knownCustomer: boolean;
  /** Products the confirmed phone already waits for. */
  waiting: number[];
  /** The shop's privacy consent text, for a phone the shop does not know yet. */
  privacyText: string;
};

/** Confirming the phone, then subscribing: the server actions the page hands in. */
export type RestockActions = PhoneConfirmActions & { subscribe: FormAction };

/**
 * "입고 알림 받기" on a product not on the date's list: the button and its sheet. (Inside the
 * order form, sold-out cards open the same sheet from the form, outside its <form>.)
 */
export function RestockButton({
  productId,
  productName,
  viewer,
  actions,
}: {
  productId: number;
  productName: string;
  viewer: RestockViewer;
  actions: RestockActions;
}) {
  const t = useTranslations("storefront.restock");
  const [open, setOpen] = useState(false);
  if (viewer.waiting.includes(productId)) return <RestockSubscribed />;
  return (
    <>
      <button
        type="button"
        className={buttonClass("secondary", "min-w-24")}
        onClick={() => setOpen(true)}
        onPointerDown={preloadRestockSheet}
        onFocus={preloadRestockSheet}
        aria-label={t("subscribeNamed", { name: productName })}
      >
        {t("subscribe")}
      </button>
      {open && (
        <RestockSheet productId={productId} productName={productName} viewer={viewer} actions={actions} onClose={() => setOpen(false)} />
      )}
    </>
  );
}

/** Start fetching the sheet's code (on the button's first touch or focus, before the tap ends). */
function preloadRestockSheet() {
  void import("./restock-sheet");
}
const lazySheet = () => lazy(() => import("./restock-sheet").then((m) => ({ default: m.RestockSheet })));
let LazyRestockSheet = lazySheet();

type SheetProps = ComponentProps<typeof LazyRestockSheet>;

/**
 * The sheet (restock-sheet.tsx) with its phone confirmation is fetched when a customer opens it:
 * a storefront visit that never asks for a restock alert neither downloads nor hydrates it. If
 * the fetch fails (offline), the sheet says so and closes; the next tap fetches again, and the
 * page with its cart stays as it was.
 */
export function RestockSheet(props: SheetProps) {
  const t = useTranslations("storefront.restock");
  return (
    <SheetLoadBoundary message={t("loadFailed")} closeLabel={t("close")} onClose={props.onClose}>
      <Suspense fallback={null}>
        <LazyRestockSheet {...props} />
      </Suspense>
    </SheetLoadBoundary>
  );
}

class SheetLoadBoundary extends Component<
  { children: ReactNode; message: string; closeLabel: string; onClose: () => void },
  { failed: boolean }
> {
  state = { failed: false };
  static getDerivedStateFromError() {
    LazyRestockSheet = lazySheet();
    return { failed: true };
  }
  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div role="dialog" aria-modal="true" className="fixed inset-x-0 bottom-0 z-40 space-y-3 rounded-t-2xl bg-white p-4 shadow-lg">
        <p data-testid="restock-load-failed">{this.props.message}</p>
        <button type="button" className={buttonClass("secondary")} onClick={this.props.onClose}>
          {this.props.closeLabel}
        </button>
      </div>
    );
  }
}

export function RestockSubscribed() {
  const t = useTranslations("storefront.restock");
  return (
    <span className="text-sm font-semibold text-green-800" data-testid="restock-subscribed">
      {t("subscribed")}
    </span>
  );
}
