"use client";

import { useEffect, useRef } from "react";
import type { ActionState } from "@/lib/actions";
import { Button } from "@/components/ui/button";
import { ActionNotice } from "@/components/ui/notice";
import { useActionForm } from "@/components/ui/use-action-form";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/**
 * A small form around one server action: hidden fields, optional inputs, a submit button,
 * and the action's message under it. `confirm` asks before destructive changes.
 */
export function ActionForm({
  action,
  hidden = {},
  submitLabel,
  pendingLabel,
  variant = "secondary",
  confirm,
  resetOnSuccess = false,
  className = "",
  buttonClassName = "",
  children,
}: {
  action: Action;
  hidden?: Record<string, string | number>;
  submitLabel: string;
  pendingLabel?: string;
  variant?: "primary" | "secondary" | "danger" | "ghost";
  confirm?: string;
  resetOnSuccess?: boolean;
  className?: string;
  buttonClassName?: string;
  children?: React.ReactNode;
}) {
  const { state, pending, onSubmit } = useActionForm(action);
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok && resetOnSuccess) ref.current?.reset();
  }, [state, resetOnSuccess]);
  return (
    <form
      ref={ref}
      className={className}
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) {
          e.preventDefault();
          return;
        }
        onSubmit(e);
      }}
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <Button type="submit" variant={variant} disabled={pending} aria-busy={pending} className={buttonClassName}>
        {pending && pendingLabel ? pendingLabel : submitLabel}
      </Button>
      <div className="col-span-full basis-full empty:hidden">
        <ActionNotice state={state} />
      </div>
    </form>
  );
}
