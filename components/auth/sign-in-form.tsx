"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { signInAction } from "@/app/(auth)/actions";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ActionNotice } from "@/components/ui/notice";

export function SignInForm({ from }: { from?: string }) {
  const t = useTranslations("auth");
  const [state, action] = useActionState(signInAction, null);
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="from" value={from ?? ""} />
      <Field label={t("email")} name="email" type="email" autoComplete="username" required />
      <Field label={t("password")} name="password" type="password" autoComplete="current-password" required />
      <ActionNotice state={state} />
      <SubmitButton className="w-full" pendingText={t("signingIn")}>
        {t("signIn")}
      </SubmitButton>
    </form>
  );
}
