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

/**
 * The frame every field shares: the label, the control, then its hint or (in its place) its
 * error, announced to screen readers through `aria-describedby` (see `useControl`).
 */
function FieldFrame({
  id,
  label,
  error,
  hint,
  className,
  children,
}: {
  id: string;
  label: React.ReactNode;
  error?: string;
  hint?: React.ReactNode;
  className: string;
  children: React.ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-semibold text-stone-700">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="mt-1 text-sm text-stone-600">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

/** The control's id and the attributes that tie it to its hint or error. */
function useControl(explicitId: string | undefined, error: string | undefined, hint: React.ReactNode) {
  const autoId = useId();
  const id = explicitId ?? autoId;
  return {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  };
}

/** A labelled text input with its hint or error under it. */
export function Field({ label, error, hint, className = "", ...input }: FieldProps & React.InputHTMLAttributes<HTMLInputElement>) {
  const control = useControl(input.id, error, hint);
  return (
    <FieldFrame id={control.id} label={label} error={error} hint={hint} className={className}>
      <input {...control} className={INPUT} {...input} />
    </FieldFrame>
  );
}

/**
 * The customer's phone: `name="phone"`, a telephone keyboard and the browser's saved number
 * (pass `autoComplete="off"` where staff type someone else's). Everything else as `Field`.
 */
export function PhoneField(props: Omit<FieldProps & React.InputHTMLAttributes<HTMLInputElement>, "type" | "inputMode">) {
  return <Field name="phone" autoComplete="tel" maxLength={20} {...props} type="tel" inputMode="tel" />;
}

export function TextAreaField({
  label,
  error,
  hint,
  className = "",
  ...input
}: FieldProps & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const control = useControl(input.id, error, hint);
  return (
    <FieldFrame id={control.id} label={label} error={error} hint={hint} className={className}>
      <textarea {...control} className={TEXTAREA} {...input} />
    </FieldFrame>
  );
}

export function SelectField({
  label,
  error,
  hint,
  className = "",
  children,
  ...select
}: Omit<FieldProps, "children"> & React.SelectHTMLAttributes<HTMLSelectElement> & { children: React.ReactNode }) {
  const control = useControl(select.id, error, hint);
  return (
    <FieldFrame id={control.id} label={label} error={error} hint={hint} className={className}>
      <select {...control} className={INPUT} {...select}>
        {children}
      </select>
    </FieldFrame>
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
