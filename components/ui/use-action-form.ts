"use client";

import { startTransition, useActionState } from "react";
import type { ActionState } from "@/lib/actions";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/**
 * Post a form to its action from the submit event instead of `<form action>`: React resets
 * an action form after every submission, which would wipe what the person typed (and
 * un-check controlled radios) whenever the server answers with a validation message.
 */
export function submitWithoutReset(formAction: (form: FormData) => void) {
  return (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const data = new FormData(e.currentTarget, submitter);
    startTransition(() => formAction(data));
  };
}

/** `useActionState` plus a submit handler that keeps the form's values. */
export function useActionForm(action: Action) {
  const [state, dispatch, pending] = useActionState(action, null);
  return { state, pending, onSubmit: submitWithoutReset(dispatch) };
}
