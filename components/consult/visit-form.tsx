"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions";
import { Button } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { submitWithoutReset } from "@/components/ui/use-action-form";
import { Field, inputClass, TextAreaField } from "@/components/ui/field";
import { ActionNotice } from "@/components/ui/notice";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;
type Row = { productId: string; quantity: string; note: string };

/** Notes for one visit and the products recommended, saved together on the card. */
export function VisitForm({
  action,
  customerId,
  products,
}: {
  action: Action;
  customerId: number;
  products: { id: number; name: string }[];
}) {
  const t = useTranslations("consult.card");
  const [state, formAction, pending] = useActionState(action, null);
  const [rows, setRows] = useState<Row[]>([]);
  const [fields, setFields] = useState({ done: "", productsUsed: "", notes: "", advice: "", shared: false });
  const [prevState, setPrevState] = useState(state);
  // A saved visit clears the form for the next one; an error keeps every value.
  if (state !== prevState) {
    setPrevState(state);
    if (state?.ok) {
      setRows([]);
      setFields({ done: "", productsUsed: "", notes: "", advice: "", shared: false });
    }
  }
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const set = (k: keyof typeof fields) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setFields((f) => ({ ...f, [k]: e.target.value }));
  return (
    <form onSubmit={submitWithoutReset(formAction)} className="space-y-3" data-testid="visit-form">
      <input type="hidden" name="customerId" value={customerId} />
      <input type="hidden" name="recommendations" value={JSON.stringify(rows.filter((r) => r.productId))} />
      <Field label={t("visitDone")} name="done" value={fields.done} onChange={set("done")} error={errors.done} />
      <Field
        label={t("visitProducts")}
        name="productsUsed"
        value={fields.productsUsed}
        onChange={set("productsUsed")}
        error={errors.productsUsed}
      />
      <TextAreaField label={t("visitNotes")} name="notes" rows={3} value={fields.notes} onChange={set("notes")} error={errors.notes} />
      <TextAreaField label={t("visitAdvice")} name="advice" rows={2} value={fields.advice} onChange={set("advice")} error={errors.advice} />
      <fieldset className="space-y-2 rounded-xl border border-stone-200 p-3">
        <legend className="px-1 text-sm font-semibold text-stone-700">{t("recommendations")}</legend>
        {rows.map((r, i) => (
          <div key={i} className="grid grid-cols-[1fr_90px_auto] items-end gap-2" data-testid="rec-row">
            <div>
              <label htmlFor={`rec-p-${i}`} className="mb-1 block text-sm text-stone-700">
                {t("recProduct", { n: i + 1 })}
              </label>
              <select
                id={`rec-p-${i}`}
                className={inputClass}
                value={r.productId}
                onChange={(e) => setRows((rs) => rs.map((x, j) => (j === i ? { ...x, productId: e.target.value } : x)))}
              >
                <option value="">{t("pickProduct")}</option>
                {products.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={`rec-q-${i}`} className="mb-1 block text-sm text-stone-700">
                {t("recQuantity", { n: i + 1 })}
              </label>
              <input
                id={`rec-q-${i}`}
                type="number"
                min={1}
                max={99}
                inputMode="numeric"
                className={inputClass}
                value={r.quantity}
                onChange={(e) => setRows((rs) => rs.map((x, j) => (j === i ? { ...x, quantity: e.target.value } : x)))}
              />
            </div>
            <Button variant="ghost" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))} aria-label={t("recRemove", { n: i + 1 })}>
              ✕
            </Button>
          </div>
        ))}
        {errors.recommendations && (
          <p className="text-sm font-medium text-red-700" data-testid="field-error">
            {errors.recommendations}
          </p>
        )}
        <Button variant="secondary" onClick={() => setRows((rs) => [...rs, { productId: "", quantity: "1", note: "" }])}>
          {t("addRecommendation")}
        </Button>
      </fieldset>
      <label className="flex min-h-11 items-center gap-3">
        <input
          type="checkbox"
          name="shared"
          checked={fields.shared}
          onChange={(e) => setFields((f) => ({ ...f, shared: e.target.checked }))}
          className="size-5 accent-brand-600"
        />
        {t("visitShared")}
      </label>
      <ActionNotice state={state} />
      <button type="submit" disabled={pending} aria-busy={pending} className={buttonClass()}>
        {pending ? t("saving") : t("saveVisit")}
      </button>
    </form>
  );
}
