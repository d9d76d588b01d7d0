"use client";

import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions";
import type { SlotRule } from "@/lib/pickup/schedule";
import { ruleExample } from "@/lib/pickup/rule-example";
import { isTimeString } from "@/lib/shop/time";
import { Button } from "@/components/ui/button";
import { Field, FieldError, SelectField } from "@/components/ui/field";
import { ActionNotice, Notice } from "@/components/ui/notice";
import { useActionForm } from "@/components/ui/use-action-form";
import { ruleSentence } from "./rule-sentence";

type Rules = {
  opensDaysBefore: number;
  opensTime: string;
  cutoffMode: "day_before" | "hours_before_slot";
  cutoffDaysBefore: number;
  cutoffTime: string;
  cutoffHoursBefore: number;
  daysAhead: number;
  maxItemsPerOrder: number;
  checkInOpensMinutes: number;
  closedWeekdays: number[];
};

type NumberRule = { [K in keyof Rules]: Rules[K] extends number ? K : never }[keyof Rules];

const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

/** The ordering window, with a sentence that says what the current values mean. */
export function PickupRulesForm({
  rules,
  timezone,
  slots,
  closedDates,
  action,
}: {
  rules: Rules;
  timezone: string;
  slots: SlotRule[];
  closedDates: string[];
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const t = useTranslations("admin.pickup");
  const tc = useTranslations("admin.common");
  const locale = useLocale();
  const { state, pending, onSubmit } = useActionForm(action);
  const [v, setV] = useState(rules);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const weekdays = t.raw("weekdays") as string[];
  const num = (k: keyof Rules) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setV((r) => ({ ...r, [k]: e.target.value === "" ? 0 : Number(e.target.value) }));
  const str = (k: keyof Rules) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setV((r) => ({ ...r, [k]: e.target.value }));
  const numberField = (k: NumberRule, min: number, max: number, hint?: string) => (
    <Field label={t(k)} hint={hint} name={k} type="number" min={min} max={max} value={v[k]} onChange={num(k)} error={errors[k]} />
  );
  const timeField = (k: "opensTime" | "cutoffTime") => (
    <Field label={t(k)} name={k} type="time" value={v[k]} onChange={str(k)} error={errors[k]} />
  );

  let example: string | null = null;
  if (isTimeString(v.opensTime) && isTimeString(v.cutoffTime) && Number.isInteger(v.opensDaysBefore)) {
    example = ruleSentence({
      example: ruleExample({ settings: { ...v, timezone }, slots, closed: new Set(closedDates) }),
      t,
      locale,
      timezone,
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <div className="grid gap-4 md:grid-cols-4">
        {numberField("opensDaysBefore", 0, 30)}
        {timeField("opensTime")}
        <SelectField
          label={t("cutoffMode")}
          name="cutoffMode"
          value={v.cutoffMode}
          onChange={str("cutoffMode")}
          error={errors.cutoffMode}
          className="md:col-span-2"
        >
          <option value="day_before">{t("modeDayBefore")}</option>
          <option value="hours_before_slot">{t("modeHoursBefore")}</option>
        </SelectField>
        {v.cutoffMode === "day_before" ? (
          <>
            {numberField("cutoffDaysBefore", 0, 30)}
            {timeField("cutoffTime")}
            <input type="hidden" name="cutoffHoursBefore" value={v.cutoffHoursBefore} />
          </>
        ) : (
          <>
            {numberField("cutoffHoursBefore", 0, 72)}
            <input type="hidden" name="cutoffDaysBefore" value={v.cutoffDaysBefore} />
            <input type="hidden" name="cutoffTime" value={v.cutoffTime} />
          </>
        )}
        {numberField("daysAhead", 1, 30)}
        {numberField("maxItemsPerOrder", 1, 999)}
        {numberField("checkInOpensMinutes", 0, 180, t("checkInOpensHint"))}
      </div>
      <fieldset>
        <legend className="mb-2 text-sm font-semibold text-stone-700">{t("closedWeekdays")}</legend>
        <div className="flex flex-wrap gap-2">
          {WEEK_ORDER.map((d) => (
            <label
              key={d}
              className="flex min-h-11 min-w-14 cursor-pointer items-center justify-center gap-2 rounded-xl border border-stone-300 bg-white px-3 has-[:checked]:border-red-600 has-[:checked]:bg-red-50 has-[:checked]:text-red-800"
            >
              <input
                type="checkbox"
                name="closedWeekdays"
                value={d}
                checked={v.closedWeekdays.includes(d)}
                onChange={(e) =>
                  setV((r) => ({
                    ...r,
                    closedWeekdays: e.target.checked ? [...r.closedWeekdays, d] : r.closedWeekdays.filter((x) => x !== d),
                  }))
                }
                className="size-4"
              />
              {weekdays[d]}
            </label>
          ))}
        </div>
        <FieldError error={errors.closedWeekdays} />
      </fieldset>
      {example && (
        <Notice tone="info" testId="rule-example">
          {example}
        </Notice>
      )}
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? tc("saving") : tc("save")}
        </Button>
        <div className="min-w-0 flex-1">
          <ActionNotice state={state} />
        </div>
      </div>
    </form>
  );
}
