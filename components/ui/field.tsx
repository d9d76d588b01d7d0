import { useId } from "react";

const INPUT =
  "block w-full min-h-11 rounded-xl border border-stone-300 bg-white px-3 py-2 text-base text-ink placeholder:text-stone-400 focus:border-brand-500 aria-[invalid=true]:border-red-600";

export const inputClass = INPUT;
/** A text area is taller than one line: the input look with `min-h-24` in place of `min-h-11`. */
const TEXTAREA = INPUT.replace("min-h-11", "min-h-24");

type FieldProps = {
  label: React.ReactNode;
  error?: string;
  hint?: React.ReactNode;
  className?: string;
  children?: never;
};

/** A labelled text input with its error under it (announced to screen readers). */
export function Field({ label, error, hint, className = "", ...input }: FieldProps & React.InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={input.id ?? id} className="mb-1 block text-sm font-semibold text-stone-700">
        {label}
      </label>
      <input
        id={input.id ?? id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${input.id ?? id}-error` : hint ? `${input.id ?? id}-hint` : undefined}
        className={INPUT}
        {...input}
      />
      {hint && !error && (
        <p id={`${input.id ?? id}-hint`} className="mt-1 text-sm text-stone-600">
          {hint}
        </p>
      )}
      <FieldError id={`${input.id ?? id}-error`} error={error} />
    </div>
  );
}

export function TextAreaField({
  label,
  error,
  hint,
  className = "",
  ...input
}: FieldProps & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={input.id ?? id} className="mb-1 block text-sm font-semibold text-stone-700">
        {label}
      </label>
      <textarea id={input.id ?? id} aria-invalid={error ? true : undefined} className={TEXTAREA} {...input} />
      {hint && !error && <p className="mt-1 text-sm text-stone-600">{hint}</p>}
      <FieldError id={`${input.id ?? id}-error`} error={error} />
    </div>
  );
}

export function SelectField({
  label,
  error,
  className = "",
  children,
  ...select
}: Omit<FieldProps, "children"> & React.SelectHTMLAttributes<HTMLSelectElement> & { children: React.ReactNode }) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={select.id ?? id} className="mb-1 block text-sm font-semibold text-stone-700">
        {label}
      </label>
      <select id={select.id ?? id} aria-invalid={error ? true : undefined} className={INPUT} {...select}>
        {children}
      </select>
      <FieldError id={`${select.id ?? id}-error`} error={error} />
    </div>
  );
}

export function FieldError({ id, error }: { id?: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={id} className="mt-1 text-sm font-medium text-red-700" data-testid="field-error">
      {error}
    </p>
  );
}
