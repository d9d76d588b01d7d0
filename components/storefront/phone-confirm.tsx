"use client";

import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";
import { Field, PhoneField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/actions";

/**
 * Confirm a phone by code, in two steps on one card: the number → "인증번호 받기", then the
 * 6-digit code → "확인". A confirmed phone sets a short-lived cookie; the page is refreshed so
 * the server renders what the confirmation unlocks.
 */
/** The two server actions behind the card, handed in by the page. */
export type PhoneConfirmActions = { requestCode: FormAction; verifyCode: FormAction };

export function PhoneConfirm({ actions, testId = "phone-confirm" }: { actions: PhoneConfirmActions; testId?: string }) {
  const t = useTranslations("storefront.phoneConfirm");
  const router = useRouter();
  const [phone, setPhone] = useState("");
  const sent = useActionForm(actions.requestCode);
  const checked = useActionForm(actions.verifyCode);
  const codeSent = sent.state?.ok === true;

  useEffect(() => {
    if (checked.state?.ok) router.refresh();
  }, [checked.state, router]);

  const sentError = sent.state && !sent.state.ok ? sent.state : null;
  const checkError = checked.state && !checked.state.ok ? checked.state : null;

  return (
    <div className="space-y-4" data-testid={testId}>
      <form onSubmit={sent.onSubmit} noValidate className="space-y-3">
        <PhoneField
          label={t("phone")}
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          hint={t("phoneHint")}
          error={sentError?.fieldErrors?.phone}
        />
        <button
          type="submit"
          className={buttonClass(codeSent ? "secondary" : "primary", "w-full")}
          disabled={sent.pending}
          aria-busy={sent.pending}
        >
          {sent.pending ? t("sending") : codeSent ? t("resend") : t("send")}
        </button>
        {sentError && !sentError.fieldErrors?.phone && <Notice>{sentError.message}</Notice>}
      </form>

      {codeSent && (
        <form onSubmit={checked.onSubmit} noValidate className="space-y-3">
          <input type="hidden" name="phone" value={phone} />
          <Notice tone="info" testId="code-sent">
            {t("sent")}
          </Notice>
          <Field
            label={t("code")}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="\d{6}"
            maxLength={6}
            error={checkError?.fieldErrors?.code}
          />
          <button type="submit" className={buttonClass("primary", "w-full")} disabled={checked.pending} aria-busy={checked.pending}>
            {checked.pending ? t("checking") : t("confirm")}
          </button>
          {checkError && !checkError.fieldErrors?.code && <Notice>{checkError.message}</Notice>}
        </form>
      )}
    </div>
  );
}
