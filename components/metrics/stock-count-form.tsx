"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { ActionNotice } from "@/components/ui/notice";
import type { FormAction } from "@/lib/actions";

export function StockCountForm({
  products,
  today,
  action: recordAction,
}: {
  products: { id: number; name: string }[];
  today: string;
  action: FormAction;
}) {
  const t = useTranslations("metrics.stock");
  const [state, action] = useActionState(recordAction, null);
  const err = (k: string) => (state && !state.ok ? state.fieldErrors?.[k] : undefined);
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end">
      <SelectField label={t("product")} name="productId" required defaultValue="" error={err("productId")}>
        <option value="" disabled>
          {t("choose")}
        </option>
        {products.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <Field label={t("date")} name="date" type="date" defaultValue={today} required error={err("date")} />
      <Field label={t("counted")} name="counted" type="number" inputMode="numeric" min={0} step={1} required error={err("counted")} />
      <SubmitButton pendingText={t("recording")}>{t("record")}</SubmitButton>
      <div className="sm:col-span-4">
        <ActionNotice state={state} />
      </div>
    </form>
  );
}
