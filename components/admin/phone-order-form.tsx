"use client";

import { useLocale, useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions";
import { formatWon } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { Field, FieldError, PhoneField, TextAreaField } from "@/components/ui/field";
import { ActionNotice } from "@/components/ui/notice";
import { useActionForm } from "@/components/ui/use-action-form";
import { cn } from "@/components/ui/cn";

// Inline controls in a product row: the shared input look, without its full width.
const inline = "min-h-11 rounded-xl border border-stone-300 bg-white px-3 py-2 text-base text-ink focus:border-brand-500";

export type PhoneOrderProduct = {
  id: number;
  name: string;
  price: number;
  available: number;
  maxPerOrder: number;
  optionGroups: { id: number; name: string; required: boolean; choices: { id: number; name: string; priceDelta: number }[] }[];
};

/** Staff enter a phone order with the storefront's rules (placeOrder, channel "phone"). */
export function PhoneOrderForm({
  date,
  slots,
  products,
  idempotencyKey,
  action,
}: {
  date: string;
  slots: { label: string; remaining: number }[];
  products: PhoneOrderProduct[];
  idempotencyKey: string;
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const t = useTranslations("admin.orders");
  const tc = useTranslations("coupons.counter");
  const locale = useLocale();
  const { state, pending, onSubmit } = useActionForm(action);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const err = (...keys: string[]) => keys.map((k) => errors[k] ?? errors[`order.${k}`]).find(Boolean);

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <input type="hidden" name="pickup_date" value={date} />
      <fieldset>
        <legend className="mb-2 text-sm font-semibold text-stone-700">{t("pickSlot")}</legend>
        <div className="flex flex-wrap gap-2">
          {slots.map((s) => (
            <label
              key={s.label}
              className="flex min-h-11 cursor-pointer items-center gap-2 rounded-xl border border-stone-300 bg-white px-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:disabled]:cursor-not-allowed has-[:disabled]:text-stone-400"
            >
              <input type="radio" name="slot" value={s.label} disabled={s.remaining <= 0} className="size-4" />
              {s.remaining > 0 ? t("slotRemaining", { slot: s.label, count: s.remaining }) : t("slotFull", { slot: s.label })}
            </label>
          ))}
        </div>
        <FieldError error={err("slot")} />
      </fieldset>

      <fieldset>
        <legend className="mb-2 text-sm font-semibold text-stone-700">{t("pickProducts")}</legend>
        <FieldError error={err("items")} />
        <ul className="divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white">
          {products.map((p, index) => (
            <li key={p.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
              <div className="min-w-48 flex-1">
                <p className="font-semibold">{p.name}</p>
                <p className="text-sm text-stone-600">
                  {formatWon(p.price, locale)} ·{" "}
                  <span className={p.available > 0 ? "text-green-800" : "text-red-700"}>
                    {p.available > 0 ? t("left", { count: p.available }) : t("soldOut")}
                  </span>
                </p>
              </div>
              {p.optionGroups.map((g) => (
                <select
                  key={g.id}
                  name={`opt:${p.id}:${g.id}`}
                  aria-label={`${p.name} ${g.name}`}
                  className={cn(inline, "max-w-64")}
                  defaultValue=""
                >
                  <option value="">{t("chooseOption", { group: g.name })}</option>
                  {g.choices.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                      {c.priceDelta ? ` (${c.priceDelta > 0 ? "+" : ""}${formatWon(c.priceDelta, locale)})` : ""}
                    </option>
                  ))}
                </select>
              ))}
              <input
                type="number"
                name={`qty:${p.id}`}
                aria-label={`${p.name} ${t("quantity")}`}
                min={0}
                max={Math.min(p.available, p.maxPerOrder)}
                defaultValue={0}
                disabled={p.available <= 0}
                className={cn(inline, "w-24 text-right")}
              />
              <FieldError
                error={Object.entries(errors).find(([k]) => k.startsWith(`items.${index}`) || k.startsWith(`order.items.${index}`))?.[1]}
              />
            </li>
          ))}
        </ul>
      </fieldset>

      <div className="grid gap-4 md:grid-cols-2">
        <Field label={t("customerName")} name="name" autoComplete="off" maxLength={40} error={err("customer.name")} />
        <PhoneField label={t("customerPhone")} autoComplete="off" placeholder="010-1234-5678" error={err("customer.phone")} />
        <TextAreaField label={t("orderNote")} name="note" maxLength={500} className="md:col-span-2" error={err("note")} />
        <Field
          label={tc("couponCode")}
          name="coupon_code"
          autoComplete="off"
          maxLength={40}
          hint={tc("couponHint")}
          error={err("coupon_code")}
        />
      </div>
      <div className="space-y-2">
        <label className="flex min-h-11 items-center gap-3">
          <input type="checkbox" name="privacy" className="size-5" />
          {t("consentPrivacy")}
        </label>
        <FieldError error={err("consent.privacy")} />
        <label className="flex min-h-11 items-center gap-3">
          <input type="checkbox" name="marketing" className="size-5" />
          {t("consentMarketing")}
        </label>
      </div>
      <ActionNotice state={state} />
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? t("placeOrder") + "…" : t("placeOrder")}
      </Button>
    </form>
  );
}
