"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { FormAction } from "@/lib/actions";

/** One tap withdraws marketing consent; free, no sign-in. */
export function OptOutForm({ token, action: optOut }: { token: string; action: FormAction }) {
  const t = useTranslations("storefront");
  const [state, action] = useActionState(optOut, null);
  if (state?.ok) {
    return (
      <p
        role="status"
        className="rounded-2xl border border-green-300 bg-green-50 p-4 font-semibold text-green-900"
        data-testid="opt-out-done"
      >
        {t("optOutDone")}
      </p>
    );
  }
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      <p>{t("optOutLead")}</p>
      <SubmitButton className="min-h-14 w-full text-lg" pendingText="…">
        {t("optOutButton")}
      </SubmitButton>
      {state && !state.ok && <Notice>{state.message}</Notice>}
    </form>
  );
}
