"use client";

import { startTransition, useActionState } from "react";
import type { ActionState } from "@/lib/actions";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/**
 * Run a server action from a form's submit event instead of `<form action>`: React resets
 * an action form after every submission, which would wipe what the owner typed whenever
 * the server answers with a validation message.
 */
export function useActionForm(action: Action) {
  const [state, dispatch, pending] = useActionState(action, null);
  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const data = new FormData(e.currentTarget, submitter);
    startTransition(() => dispatch(data));
  };
  return { state, pending, onSubmit };
}
