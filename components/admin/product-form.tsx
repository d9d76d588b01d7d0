"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions";
import type { ProductWithOptions } from "@/lib/products/catalogue";
import { Button } from "@/components/ui/button";
import { Field, FieldError, SelectField, TextAreaField, inputClass } from "@/components/ui/field";
import { ActionNotice } from "@/components/ui/notice";
import { useActionForm } from "@/components/ui/use-action-form";

type ChoiceDraft = { key: string; id?: number; name: string; priceDelta: string };
type GroupDraft = { key: string; id?: number; name: string; required: boolean; choices: ChoiceDraft[] };

let seq = 0;
const newKey = () => `new-${++seq}`;

function draftsOf(product?: ProductWithOptions): GroupDraft[] {
  return (product?.optionGroups ?? []).map((g) => ({
    key: `g${g.id}`,
    id: g.id,
    name: g.name,
    required: g.required,
    choices: g.choices.map((c) => ({ key: `c${c.id}`, id: c.id, name: c.name, priceDelta: String(c.priceDelta) })),
  }));
}

/** Create or edit a product and its option groups; everything is saved together. */
export function ProductForm({
  product,
  action,
}: {
  product?: ProductWithOptions;
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const t = useTranslations("admin.products");
  const tc = useTranslations("admin.common");
  const { state, pending, onSubmit } = useActionForm(action);
  const [groups, setGroups] = useState<GroupDraft[]>(() => draftsOf(product));
  const [notice, setNotice] = useState<"none" | "hours" | "day_before">(
    product?.minNoticeHours ? "hours" : product?.minNoticeDayBeforeTime ? "day_before" : "none",
  );
  // After a save the page re-renders with the stored rows: take their ids, so the next
  // save updates them instead of replacing them.
  const [shownProduct, setShownProduct] = useState(product);
  if (shownProduct !== product) {
    setShownProduct(product);
    setGroups(draftsOf(product));
  }
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};

  const updateGroup = (key: string, change: Partial<GroupDraft>) =>
    setGroups((gs) => gs.map((g) => (g.key === key ? { ...g, ...change } : g)));
  const updateChoice = (groupKey: string, choiceKey: string, change: Partial<ChoiceDraft>) =>
    setGroups((gs) =>
      gs.map((g) => (g.key === groupKey ? { ...g, choices: g.choices.map((c) => (c.key === choiceKey ? { ...c, ...change } : c)) } : g)),
    );

  const payload = JSON.stringify(
    groups.map((g) => ({
      id: g.id,
      name: g.name,
      required: g.required,
      choices: g.choices.map((c) => ({ id: c.id, name: c.name, priceDelta: c.priceDelta === "" ? 0 : c.priceDelta })),
    })),
  );

  return (
    <form onSubmit={onSubmit} className="space-y-6" noValidate>
      {product && <input type="hidden" name="id" value={product.id} />}
      <input type="hidden" name="optionGroups" value={payload} />
      <div className="grid gap-4 md:grid-cols-2">
        <Field label={t("name")} name="name" defaultValue={product?.name} required maxLength={60} error={errors.name} />
        <Field
          label={t("category")}
          name="category"
          defaultValue={product?.category}
          hint={t("categoryHint")}
          maxLength={30}
          error={errors.category}
        />
        <Field
          label={t("price")}
          name="price"
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          defaultValue={product?.price}
          required
          error={errors.price}
        />
        <Field
          label={t("maxPerOrder")}
          name="maxPerOrder"
          type="number"
          inputMode="numeric"
          min={1}
          max={999}
          defaultValue={product?.maxPerOrder ?? 10}
          required
          error={errors.maxPerOrder}
        />
        <TextAreaField
          label={t("description")}
          name="description"
          defaultValue={product?.description}
          maxLength={500}
          error={errors.description}
          className="md:col-span-2"
        />
        <Field
          label={t("sortOrder")}
          name="sortOrder"
          type="number"
          inputMode="numeric"
          defaultValue={product?.sortOrder ?? 0}
          hint={t("sortOrderHint")}
          error={errors.sortOrder}
        />
      </div>

      <fieldset className="rounded-2xl border border-stone-200 bg-stone-50 p-4" data-testid="min-notice">
        <legend className="px-1 text-lg font-bold">{t("minNotice")}</legend>
        <p className="mb-3 text-sm text-stone-600">{t("minNoticeLead")}</p>
        <div className="flex flex-wrap gap-2">
          {(["none", "hours", "day_before"] as const).map((kind) => (
            <label
              key={kind}
              className="flex min-h-11 cursor-pointer items-center gap-2 rounded-xl border border-stone-300 bg-white px-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
            >
              <input
                type="radio"
                name="minNotice"
                value={kind}
                checked={notice === kind}
                onChange={() => setNotice(kind)}
                className="size-4 accent-brand-600"
              />
              {t(kind === "none" ? "minNoticeNone" : kind === "hours" ? "minNoticeHours" : "minNoticeDayBefore")}
            </label>
          ))}
        </div>
        {notice === "hours" && (
          <Field
            className="mt-3 max-w-xs"
            label={t("minNoticeHoursLabel")}
            name="minNoticeHours"
            type="number"
            inputMode="numeric"
            min={1}
            max={336}
            defaultValue={product?.minNoticeHours ?? 24}
            error={errors.minNoticeHours}
          />
        )}
        {notice === "day_before" && (
          <Field
            className="mt-3 max-w-xs"
            label={t("minNoticeTimeLabel")}
            name="minNoticeTime"
            type="time"
            defaultValue={product?.minNoticeDayBeforeTime ?? "20:00"}
            error={errors.minNoticeTime}
          />
        )}
      </fieldset>

      <SelectField
        label={t("paymentPolicy")}
        name="paymentPolicy"
        defaultValue={product?.paymentPolicy ?? "shop"}
        hint={t("paymentPolicyHint")}
        error={errors.paymentPolicy}
        className="max-w-md"
      >
        {(["shop", "at_pickup", "optional", "required"] as const).map((p) => (
          <option key={p} value={p}>
            {t(`paymentPolicies.${p}`)}
          </option>
        ))}
      </SelectField>

      <fieldset className="rounded-2xl border border-stone-200 bg-stone-50 p-4" data-testid="option-groups">
        <legend className="px-1 text-lg font-bold">{t("options")}</legend>
        <p className="mb-3 text-sm text-stone-600">{t("optionsLead")}</p>
        <FieldError error={errors.optionGroups} />
        {groups.length === 0 && <p className="text-stone-600">{t("noOptions")}</p>}
        <ol className="space-y-4">
          {groups.map((g, gi) => (
            <li key={g.key} className="rounded-xl border border-stone-200 bg-white p-4" data-testid="option-group">
              <div className="flex flex-wrap items-end gap-3">
                <label className="min-w-56 flex-1">
                  <span className="mb-1 block text-sm font-semibold text-stone-700">{t("groupName")}</span>
                  <input
                    className={inputClass}
                    value={g.name}
                    maxLength={30}
                    onChange={(e) => updateGroup(g.key, { name: e.target.value })}
                    aria-invalid={errors[`optionGroups.${gi}.name`] ? true : undefined}
                  />
                </label>
                <label className="flex min-h-11 items-center gap-2 text-base">
                  <input
                    type="checkbox"
                    className="size-5"
                    checked={g.required}
                    onChange={(e) => updateGroup(g.key, { required: e.target.checked })}
                  />
                  {t("required")}
                </label>
                <Button variant="ghost" onClick={() => setGroups((gs) => gs.filter((x) => x.key !== g.key))}>
                  {t("removeGroup")}
                </Button>
              </div>
              <FieldError
                error={errors[`optionGroups.${gi}.name`] ?? errors[`optionGroups.${gi}.choices`] ?? errors[`optionGroups.${gi}`]}
              />
              <table className="mt-3 w-full text-left">
                <thead>
                  <tr className="text-sm text-stone-600">
                    <th className="pb-1 font-semibold">{t("choiceName")}</th>
                    <th className="w-44 pb-1 font-semibold">{t("priceDelta")}</th>
                    <th className="w-32" />
                  </tr>
                </thead>
                <tbody>
                  {g.choices.map((c, ci) => (
                    <tr key={c.key}>
                      <td className="py-1 pr-2">
                        <input
                          className={inputClass}
                          aria-label={`${g.name || t("groupName")} ${t("choiceName")} ${ci + 1}`}
                          value={c.name}
                          maxLength={30}
                          onChange={(e) => updateChoice(g.key, c.key, { name: e.target.value })}
                          aria-invalid={errors[`optionGroups.${gi}.choices.${ci}.name`] ? true : undefined}
                        />
                        <FieldError error={errors[`optionGroups.${gi}.choices.${ci}.name`]} />
                      </td>
                      <td className="py-1 pr-2">
                        <input
                          className={inputClass}
                          aria-label={`${g.name || t("groupName")} ${t("priceDelta")} ${ci + 1}`}
                          type="number"
                          inputMode="numeric"
                          step={100}
                          value={c.priceDelta}
                          onChange={(e) => updateChoice(g.key, c.key, { priceDelta: e.target.value })}
                        />
                        <FieldError error={errors[`optionGroups.${gi}.choices.${ci}.priceDelta`]} />
                      </td>
                      <td className="py-1">
                        <Button variant="ghost" onClick={() => updateGroup(g.key, { choices: g.choices.filter((x) => x.key !== c.key) })}>
                          {t("removeChoice")}
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Button
                variant="secondary"
                className="mt-2"
                onClick={() => updateGroup(g.key, { choices: [...g.choices, { key: newKey(), name: "", priceDelta: "0" }] })}
              >
                {t("addChoice")}
              </Button>
            </li>
          ))}
        </ol>
        <Button
          variant="secondary"
          className="mt-4"
          onClick={() =>
            setGroups((gs) => [...gs, { key: newKey(), name: "", required: true, choices: [{ key: newKey(), name: "", priceDelta: "0" }] }])
          }
        >
          {t("addGroup")}
        </Button>
      </fieldset>

      <ActionNotice state={state} />
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? tc("saving") : product ? tc("save") : t("create")}
      </Button>
    </form>
  );
}
