"use client";

import { useActionState, useEffect, useRef } from "react";
import type { ActionState } from "@/lib/actions";
import { Button, SubmitButton } from "@/components/ui/button";
import { Field, FieldError, SelectField, TextAreaField } from "@/components/ui/field";
import { ActionNotice } from "@/components/ui/notice";
import { submitWithoutReset } from "@/components/ui/use-action-form";

export type FormFieldSpec =
  | { kind: "hidden"; name: string; value: string }
  | {
      kind: "text" | "tel" | "number" | "date";
      name: string;
      label: string;
      defaultValue?: string;
      hint?: string;
      required?: boolean;
      autoComplete?: string;
      inputMode?: "numeric" | "decimal" | "tel" | "text";
      min?: number;
      max?: number;
      step?: number;
    }
  | { kind: "textarea"; name: string; label: string; defaultValue?: string; hint?: string; required?: boolean; rows?: number }
  | { kind: "select"; name: string; label: string; options: { value: string; label: string }[]; defaultValue?: string; hint?: string }
  | { kind: "checkbox"; name: string; label: string; defaultChecked?: boolean; hint?: string }
  | { kind: "rating"; name: string; label: string; options: { value: string; label: string }[] };

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;
type Posted = (ActionState & { posted?: Record<string, FormDataEntryValue> }) | null;

/**
 * A small form around one server action: hidden fields, fields described by `fields` (with
 * their errors) and/or `children`, a pending-aware submit button and the action's message.
 * `confirm` asks before destructive changes (when JavaScript runs).
 *
 * Two ways to post:
 * - `progressive` (storefront, customer-facing): a plain `<form action>` that works without
 *   JavaScript. React resets it after each submission, so the last posted values come back
 *   as defaults after an error; on success it resets only with `resetOnSuccess` (default on).
 * - otherwise (staff screens): posted from the submit event, so what was typed is never
 *   wiped by a validation message; cleared on success only with `resetOnSuccess`.
 */
export function ActionForm({
  action,
  progressive = false,
  hidden = {},
  fields = [],
  submitLabel,
  pendingLabel,
  variant = progressive ? "primary" : "secondary",
  confirm,
  resetOnSuccess = progressive,
  testId,
  className = progressive ? "space-y-3" : "",
  buttonClassName = "",
  children,
}: {
  action: Action;
  progressive?: boolean;
  hidden?: Record<string, string | number>;
  fields?: FormFieldSpec[];
  submitLabel: string;
  pendingLabel?: string;
  variant?: "primary" | "secondary" | "danger" | "ghost";
  confirm?: string;
  resetOnSuccess?: boolean;
  testId?: string;
  className?: string;
  buttonClassName?: string;
  children?: React.ReactNode;
}) {
  const [state, dispatch, pending] = useActionState<Posted, FormData>(async (prev, form) => {
    const result = await action(prev, form);
    return progressive && result && !result.ok ? { ...result, posted: Object.fromEntries(form.entries()) } : result;
  }, null);
  const ref = useRef<HTMLFormElement>(null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const posted = progressive && state && !state.ok && "posted" in state ? state.posted : undefined;
  const value = (name: string, fallback?: string) => (posted && typeof posted[name] === "string" ? (posted[name] as string) : fallback);
  useEffect(() => {
    if (!progressive && state?.ok && resetOnSuccess) ref.current?.reset();
  }, [state, resetOnSuccess, progressive]);
  const submitted = submitWithoutReset(dispatch);
  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    if (confirm && !window.confirm(confirm)) {
      e.preventDefault();
      return;
    }
    if (!progressive) submitted(e);
  };
  const inputs = (
    <>
      {Object.entries(hidden).map(([name, v]) => (
        <input key={name} type="hidden" name={name} value={v} />
      ))}
      {fields.map((f) => renderField(f, errors, value, posted))}
      {children}
    </>
  );
  if (progressive) {
    return (
      <form
        ref={ref}
        action={dispatch}
        onSubmit={confirm ? onSubmit : undefined}
        className={className}
        data-testid={testId}
        key={resetOnSuccess && state?.ok ? JSON.stringify(state) : "form"}
      >
        {inputs}
        <ActionNotice state={state} />
        <SubmitButton variant={variant} pendingText={pendingLabel} className={buttonClassName}>
          {submitLabel}
        </SubmitButton>
      </form>
    );
  }
  return (
    <form ref={ref} className={className} data-testid={testId} onSubmit={onSubmit}>
      {inputs}
      <Button type="submit" variant={variant} disabled={pending} aria-busy={pending} className={buttonClassName}>
        {pending && pendingLabel ? pendingLabel : submitLabel}
      </Button>
      <div className="col-span-full basis-full empty:hidden">
        <ActionNotice state={state} />
      </div>
    </form>
  );
}

function renderField(
  f: FormFieldSpec,
  errors: Record<string, string>,
  value: (name: string, fallback?: string) => string | undefined,
  posted: Record<string, FormDataEntryValue> | undefined,
) {
  switch (f.kind) {
    case "hidden":
      return <input key={f.name} type="hidden" name={f.name} value={f.value} />;
    case "textarea":
      return (
        <TextAreaField
          key={f.name}
          name={f.name}
          label={f.label}
          hint={f.hint}
          required={f.required}
          rows={f.rows ?? 3}
          defaultValue={value(f.name, f.defaultValue)}
          error={errors[f.name]}
        />
      );
    case "select":
      // React applies a select's defaultValue only when it mounts, and the form's reset after a
      // refused post falls back to each option's default: keyed by the posted choice, it mounts
      // again with that choice as its default and keeps it.
      return (
        <SelectField
          key={`${f.name}=${value(f.name, f.defaultValue) ?? ""}`}
          name={f.name}
          label={f.label}
          hint={f.hint}
          defaultValue={value(f.name, f.defaultValue)}
          error={errors[f.name]}
        >
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
            <input
              type="checkbox"
              name={f.name}
              defaultChecked={posted ? posted[f.name] === "on" : f.defaultChecked}
              className="mt-1 size-5 shrink-0 accent-brand-600"
              aria-invalid={errors[f.name] ? true : undefined}
            />
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
              <label
                key={o.value}
                className="flex min-h-11 min-w-11 cursor-pointer items-center justify-center rounded-xl border border-stone-300 bg-white px-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:checked]:font-semibold"
              >
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
          step={f.step}
          defaultValue={value(f.name, f.defaultValue)}
          error={errors[f.name]}
        />
      );
  }
}
