"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions";
import { SubmitButton } from "@/components/ui/button";
import { Field, FieldError, SelectField, TextAreaField } from "@/components/ui/field";
import { ActionNotice } from "@/components/ui/notice";

export type FormFieldSpec =
  | { kind: "hidden"; name: string; value: string }
  | { kind: "text" | "tel" | "number" | "date"; name: string; label: string; defaultValue?: string; hint?: string; required?: boolean; autoComplete?: string; inputMode?: "numeric" | "tel" | "text"; min?: number; max?: number }
  | { kind: "textarea"; name: string; label: string; defaultValue?: string; hint?: string; required?: boolean; rows?: number }
  | { kind: "select"; name: string; label: string; options: { value: string; label: string }[]; defaultValue?: string }
  | { kind: "checkbox"; name: string; label: string; defaultChecked?: boolean; hint?: string }
  | { kind: "rating"; name: string; label: string; options: { value: string; label: string }[] };

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;
type Posted = (ActionState & { posted?: Record<string, FormDataEntryValue> }) | null;

/**
 * A small form around one server action: fields with their errors, the result notice and a
 * pending-aware submit button. Values typed stay after an error: inputs are uncontrolled but
 * React resets them only on success, so the last posted values are passed back as defaults.
 */
export function ActionForm({
  action,
  fields,
  submitLabel,
  pendingLabel,
  variant = "primary",
  testId,
  className = "space-y-3",
  resetOnSuccess = true,
}: {
  action: Action;
  fields: FormFieldSpec[];
  submitLabel: string;
  pendingLabel?: string;
  variant?: "primary" | "secondary" | "danger";
  testId?: string;
  className?: string;
  resetOnSuccess?: boolean;
}) {
  const [state, formAction] = useActionState<Posted, FormData>(async (prev, form) => {
    const result = await action(prev, form);
    return result && !result.ok ? { ...result, posted: Object.fromEntries(form.entries()) } : result;
  }, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const posted = (state && !state.ok && "posted" in state ? state.posted : undefined) as Record<string, FormDataEntryValue> | undefined;
  const value = (name: string, fallback?: string) => (posted && typeof posted[name] === "string" ? (posted[name] as string) : fallback);
  return (
    <form action={formAction} className={className} data-testid={testId} key={resetOnSuccess && state?.ok ? JSON.stringify(state) : "form"}>
      {fields.map((f) => {
        switch (f.kind) {
          case "hidden":
            return <input key={f.name} type="hidden" name={f.name} value={f.value} />;
          case "textarea":
            return <TextAreaField key={f.name} name={f.name} label={f.label} hint={f.hint} required={f.required} rows={f.rows ?? 3} defaultValue={value(f.name, f.defaultValue)} error={errors[f.name]} />;
          case "select":
            return (
              <SelectField key={f.name} name={f.name} label={f.label} defaultValue={value(f.name, f.defaultValue)} error={errors[f.name]}>
                {f.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </SelectField>
            );
          case "checkbox":
            return (
              <div key={f.name}>
                <label className="flex min-h-11 items-start gap-3 text-base">
                  <input type="checkbox" name={f.name} defaultChecked={posted ? posted[f.name] === "on" : f.defaultChecked} className="mt-1 size-5 shrink-0 accent-brand-600" aria-invalid={errors[f.name] ? true : undefined} />
                  <span>{f.label}</span>
                </label>
                {f.hint && <p className="ml-8 text-sm text-stone-600">{f.hint}</p>}
                <FieldError error={errors[f.name]} />
              </div>
            );
          case "rating":
            return (
              <fieldset key={f.name} aria-invalid={errors[f.name] ? true : undefined}>
                <legend className="mb-1 text-sm font-semibold text-stone-700">{f.label}</legend>
                <div className="flex flex-wrap gap-2">
                  {f.options.map((o) => (
                    <label key={o.value} className="flex min-h-11 min-w-11 cursor-pointer items-center justify-center rounded-xl border border-stone-300 bg-white px-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:checked]:font-semibold">
                      <input type="radio" name={f.name} value={o.value} defaultChecked={value(f.name) === o.value} className="sr-only" />
                      {o.label}
                    </label>
                  ))}
                </div>
                <FieldError error={errors[f.name]} />
              </fieldset>
            );
          default:
            return (
              <Field
                key={f.name}
                name={f.name}
                label={f.label}
                type={f.kind}
                hint={f.hint}
                required={f.required}
                autoComplete={f.autoComplete}
                inputMode={f.inputMode}
                min={f.min}
                max={f.max}
                defaultValue={value(f.name, f.defaultValue)}
                error={errors[f.name]}
              />
            );
        }
      })}
      <ActionNotice state={state} />
      <SubmitButton variant={variant} pendingText={pendingLabel}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
