"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { ActionNotice } from "@/components/ui/notice";
import type { FormAction } from "@/lib/actions";

export function WeeklyNoteForm({ weekStart, body, action: saveAction }: { weekStart: string; body: string; action: FormAction }) {
  const t = useTranslations("metrics.review");
  const [state, action] = useActionState(saveAction, null);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="weekStart" value={weekStart} />
      <TextAreaField
        label={t("noteLabel")}
        name="body"
        defaultValue={body}
        maxLength={2000}
        hint={t("noteHint")}
        error={state && !state.ok ? state.fieldErrors?.body : undefined}
      />
      <ActionNotice state={state} />
      <SubmitButton pendingText={t("saving")}>{t("save")}</SubmitButton>
    </form>
  );
}
