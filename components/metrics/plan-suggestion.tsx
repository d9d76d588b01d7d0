"use client";

/**
 * Tomorrow's plan suggestion for one product, to embed on the plan page next to its
 * quantity input: the suggested quantity, the reason (e.g. "지난 3주 평균 18개, 2주 연속
 * 11시 전 품절 → 22개") and an "적용" button. Apply either calls `onApply` (inside a client
 * component) or fills the input whose id is `targetInputId` (from a server component) and
 * fires its input/change events so controlled forms notice. The owner can still edit it.
 *
 * Data: `suggestPlan({ db, date })` from lib/inventory/suggest.ts, one entry per product.
 */
import { useState } from "react";
import { useTranslations } from "next-intl";

export type PlanSuggestionData = { productId: number; quantity: number; reason: string };

export function PlanSuggestion({
  suggestion,
  targetInputId,
  onApply,
}: {
  suggestion: PlanSuggestionData | null | undefined;
  targetInputId?: string;
  onApply?: (quantity: number) => void;
}) {
  const t = useTranslations("metrics.suggestion");
  const [applied, setApplied] = useState(false);
  if (!suggestion) return <p className="text-sm text-stone-500">{t("none")}</p>;
  const apply = () => {
    if (onApply) onApply(suggestion.quantity);
    else if (targetInputId) {
      const input = document.getElementById(targetInputId) as HTMLInputElement | null;
      if (input) {
        // React tracks the value through the native setter; set it there so onChange fires.
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set?.call(input, String(suggestion.quantity));
        input.dispatchEvent(new Event("input", { bubbles: true }));
        input.dispatchEvent(new Event("change", { bubbles: true }));
        input.focus();
      }
    }
    setApplied(true);
  };
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid={`plan-suggestion-${suggestion.productId}`}>
      <span className="font-semibold text-brand-700">
        {t("label")} {suggestion.quantity}
      </span>
      <span className="text-stone-600">{suggestion.reason}</span>
      <button
        type="button"
        onClick={apply}
        className="min-h-11 rounded-lg border border-brand-300 px-3 font-semibold text-brand-700 hover:bg-brand-50"
        aria-label={`${t("apply")}: ${suggestion.quantity}`}
      >
        {applied ? `✓ ${t("applied")}` : t("apply")}
      </button>
    </div>
  );
}
