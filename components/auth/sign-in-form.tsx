"use client";

import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button-class";
import { useActionForm } from "@/components/ui/use-action-form";
import { Field } from "@/components/ui/field";
import { ActionNotice } from "@/components/ui/notice";
import type { FormAction } from "@/lib/actions";

export function SignInForm({ from, action }: { from?: string; action: FormAction }) {
  const t = useTranslations("auth");
  const { state, pending, onSubmit } = useActionForm(action);
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <input type="hidden" name="from" value={from ?? ""} />
      <Field label={t("email")} name="email" type="email" autoComplete="username" required />
      <Field label={t("password")} name="password" type="password" autoComplete="current-password" required />
      <ActionNotice state={state} />
      <button type="submit" disabled={pending} aria-busy={pending} className={buttonClass("primary", "w-full")}>
        {pending ? t("signingIn") : t("signIn")}
      </button>
    </form>
  );
}
