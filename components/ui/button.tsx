"use client";

import { useFormStatus } from "react-dom";
import { buttonClass, type ButtonVariant as Variant } from "./button-class";

// Client components may keep importing it from here; server components import ./button-class.
export { buttonClass };

export function Button({
  variant = "primary",
  className = "",
  ...props
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button type="button" className={buttonClass(variant, className)} {...props} />;
}

/** A form's submit button that disables itself and says so while the action runs. */
export function SubmitButton({
  children,
  pendingText,
  variant = "primary",
  className = "",
  ...props
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; pendingText?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending || props.disabled} aria-busy={pending} className={buttonClass(variant, className)} {...props}>
      {pending && pendingText ? pendingText : children}
    </button>
  );
}
