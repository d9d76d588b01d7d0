"use client";

import { startTransition } from "react";

/**
 * Submit a form to its action without React's automatic form reset: `<form action>` resets
 * the DOM after every action, which un-checks controlled radios and checkboxes after an
 * error. Controlled forms keep their own state, so they post through onSubmit instead.
 */
export function submitKeepingValues(formAction: (form: FormData) => void) {
  return (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    startTransition(() => formAction(form));
  };
}
