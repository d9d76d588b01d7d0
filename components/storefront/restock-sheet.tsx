"use client";

import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { useActionForm } from "@/components/ui/use-action-form";
import { particle } from "@/lib/korean-particle";
import { PhoneConfirm } from "./phone-confirm";
import type { RestockActions, RestockViewer } from "./restock-button";

/**
 * A bottom sheet (a phone's natural reach): confirm the phone by code if this browser has not,
 * then one tap subscribes. Rendered outside any other form, so its forms never nest.
 */
export function RestockSheet({
  productId,
  productName,
  viewer,
  actions,
  onClose,
}: {
  productId: number;
  productName: string;
  viewer: RestockViewer;
  actions: RestockActions;
  onClose: () => void;
}) {
  const t = useTranslations("storefront.restock");
  const { state, pending, onSubmit } = useActionForm(actions.subscribe);
  const done = state?.ok === true || viewer.waiting.includes(productId);
  const titleId = `restock-title-${productId}`;
  return (
    <div className="fixed inset-0 z-50 flex items-end justify-center bg-black/40" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="max-h-[90dvh] w-full max-w-xl space-y-4 overflow-y-auto rounded-t-2xl bg-white p-4 pb-6 shadow-xl"
        onClick={(e) => e.stopPropagation()}
        data-testid="restock-sheet"
      >
        <div className="flex items-start justify-between gap-3">
          <h2 id={titleId} className="text-lg font-bold">
            {t("title", { name: productName })}
          </h2>
          <button type="button" className={buttonClass("ghost", "-mr-2 -mt-2")} onClick={onClose}>
            {t("close")}
          </button>
        </div>
        {done ? (
          <Notice tone="success" testId="restock-done">
            {t("done", { name: productName, josa: particle(productName, "을/를") === "를" ? "vowel" : "consonant" })}
          </Notice>
        ) : (
          <>
            <p className="text-base text-stone-700">{t("lead")}</p>
            {!viewer.confirmed ? (
              <PhoneConfirm actions={actions} testId="restock-phone-confirm" />
            ) : (
              <form onSubmit={onSubmit} noValidate className="space-y-3">
                <input type="hidden" name="product_id" value={productId} />
                {!viewer.knownCustomer && (
                  <div>
                    <p className="rounded-xl bg-stone-100 p-3 text-sm leading-relaxed text-stone-700">{viewer.privacyText}</p>
                    <label className="mt-2 flex min-h-11 items-center gap-3 text-base font-semibold">
                      <input type="checkbox" name="privacy" className="size-5 shrink-0 accent-brand-600" />
                      {t("privacy")}
                    </label>
                  </div>
                )}
                <button type="submit" className={buttonClass("primary", "min-h-12 w-full")} disabled={pending} aria-busy={pending}>
                  {t("confirmSubscribe")}
                </button>
                {state && !state.ok && <Notice>{state.message}</Notice>}
              </form>
            )}
          </>
        )}
      </div>
    </div>
  );
}
