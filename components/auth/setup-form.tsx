"use client";

import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button-class";
import { useActionForm } from "@/components/ui/use-action-form";
import { Field } from "@/components/ui/field";
import { ActionNotice } from "@/components/ui/notice";
import type { FormAction } from "@/lib/actions";

export function SetupForm({ action }: { action: FormAction }) {
  const t = useTranslations("auth");
  const { state, pending, onSubmit } = useActionForm(action);
  const err = (k: string) => (state && !state.ok ? state.fieldErrors?.[k] : undefined);
  return (
    <form onSubmit={onSubmit} className="space-y-6">
      <fieldset className="space-y-4 rounded-2xl border border-stone-200 bg-white p-5">
        <legend className="px-1 text-lg font-bold">{t("shopSection")}</legend>
        <Field
          label={t("shopName")}
          name="shopName"
          required
          maxLength={60}
          placeholder={t("shopNamePlaceholder")}
          error={err("shopName")}
        />
      </fieldset>
      <fieldset className="space-y-4 rounded-2xl border border-stone-200 bg-white p-5">
        <legend className="px-1 text-lg font-bold">{t("ownerSection")}</legend>
        <Field label={t("ownerName")} name="ownerName" maxLength={40} error={err("ownerName")} />
        <Field label={t("email")} name="email" type="email" autoComplete="username" required error={err("email")} />
        <Field
          label={t("password")}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          hint={t("passwordHint")}
          error={err("password")}
        />
        <Field
          label={t("passwordConfirm")}
          name="passwordConfirm"
          type="password"
          autoComplete="new-password"
          required
          error={err("passwordConfirm")}
        />
      </fieldset>
      <fieldset className="space-y-4 rounded-2xl border border-stone-200 bg-white p-5">
        <legend className="px-1 text-lg font-bold">{t("pickupSection")}</legend>
        <div className="grid grid-cols-2 gap-4">
          <Field
            label={t("opensTime")}
            name="opensTime"
            type="time"
            defaultValue="18:00"
            required
            hint={t("opensHint")}
            error={err("opensTime")}
          />
          <Field
            label={t("cutoffTime")}
            name="cutoffTime"
            type="time"
            defaultValue="21:00"
            required
            hint={t("cutoffHint")}
            error={err("cutoffTime")}
          />
        </div>
        <Field
          label={t("slotCapacity")}
          name="slotCapacity"
          type="number"
          inputMode="numeric"
          min={1}
          max={500}
          defaultValue={10}
          required
          hint={t("slotCapacityHint")}
          error={err("slotCapacity")}
        />
        <label className="flex min-h-11 items-center gap-3 text-base">
          <input type="checkbox" name="demo" className="size-5 accent-brand-600" />
          {t("loadDemo")}
        </label>
      </fieldset>
      <ActionNotice state={state} />
      <button type="submit" disabled={pending} aria-busy={pending} className={buttonClass("primary", "w-full")}>
        {pending ? t("creating") : t("createShop")}
      </button>
    </form>
  );
}
