"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ActionState } from "@/lib/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ActionNotice } from "@/components/ui/notice";
import { useActionForm } from "@/components/ui/use-action-form";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** The owner's "새 쿠폰 만들기" form: every term of a coupon, with each field's own message. */
export function CouponForm({
  action,
  products,
  categories,
  today,
}: {
  action: Action;
  products: { id: number; name: string }[];
  categories: string[];
  today: string;
}) {
  const t = useTranslations("coupons.admin");
  const { state, pending, onSubmit } = useActionForm(action);
  const [mode, setMode] = useState<"shared" | "issued">("shared");
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-2" data-testid="coupon-form" noValidate>
      <Field className="sm:col-span-2" label={t("name")} name="name" maxLength={60} required error={errors.name} />
      <fieldset>
        <legend className="mb-1 text-sm font-semibold text-stone-700">{t("kind")}</legend>
        <div className="flex gap-4">
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name="kind" value="fixed" defaultChecked className="size-4 accent-brand-600" /> {t("kindFixed")}
          </label>
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name="kind" value="percent" className="size-4 accent-brand-600" /> {t("kindPercent")}
          </label>
        </div>
      </fieldset>
      <Field label={t("amount")} name="amount" inputMode="numeric" hint={t("amountHint")} error={errors.amount} />
      <Field
        label={t("minSpend")}
        name="min_spend"
        inputMode="numeric"
        defaultValue="0"
        hint={t("minSpendHint")}
        error={errors.min_spend}
      />
      <div className="max-sm:hidden" />
      <Field label={t("startsOn")} name="starts_on" type="date" defaultValue={today} error={errors.starts_on} />
      <Field label={t("endsOn")} name="ends_on" type="date" error={errors.ends_on} />
      <Field label={t("totalLimit")} name="total_limit" inputMode="numeric" error={errors.total_limit} />
      <Field label={t("perCustomerLimit")} name="per_customer_limit" inputMode="numeric" error={errors.per_customer_limit} />
      <fieldset className="sm:col-span-2">
        <legend className="mb-1 text-sm font-semibold text-stone-700">{t("products")}</legend>
        <div className="flex flex-wrap gap-x-4">
          {products.map((p) => (
            <label key={p.id} className="flex min-h-11 items-center gap-2">
              <input type="checkbox" name="product_ids" value={p.id} className="size-4 accent-brand-600" /> {p.name}
            </label>
          ))}
        </div>
        {categories.length > 0 && (
          <>
            <p className="mb-1 mt-2 text-sm font-semibold text-stone-700">{t("categories")}</p>
            <div className="flex flex-wrap gap-x-4">
              {categories.map((c) => (
                <label key={c} className="flex min-h-11 items-center gap-2">
                  <input type="checkbox" name="categories" value={c} className="size-4 accent-brand-600" /> {c}
                </label>
              ))}
            </div>
          </>
        )}
        <p className="mt-1 text-sm text-stone-600">{t("targetsHint")}</p>
      </fieldset>
      <fieldset>
        <legend className="mb-1 text-sm font-semibold text-stone-700">{t("codeMode")}</legend>
        <label className="flex min-h-11 items-center gap-2">
          <input
            type="radio"
            name="code_mode"
            value="shared"
            checked={mode === "shared"}
            onChange={() => setMode("shared")}
            className="size-4 accent-brand-600"
          />{" "}
          {t("codeShared")}
        </label>
        <label className="flex min-h-11 items-center gap-2">
          <input
            type="radio"
            name="code_mode"
            value="issued"
            checked={mode === "issued"}
            onChange={() => setMode("issued")}
            className="size-4 accent-brand-600"
          />{" "}
          {t("codeIssued")}
        </label>
      </fieldset>
      {mode === "shared" ? (
        <Field label={t("code")} name="code" autoCapitalize="characters" maxLength={20} hint={t("codeHint")} error={errors.code} />
      ) : (
        <div className="max-sm:hidden" />
      )}
      <div className="sm:col-span-2">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {t("create")}
        </Button>
        <div className="mt-3">
          <ActionNotice state={state} />
        </div>
      </div>
    </form>
  );
}
