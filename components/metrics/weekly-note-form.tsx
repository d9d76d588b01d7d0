"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { saveWeeklyNoteAction } from "@/app/(admin)/admin/review/actions";
import { SubmitButton } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { ActionNotice } from "@/components/ui/notice";

export function WeeklyNoteForm({ weekStart, body }: { weekStart: string; body: string }) {
  const t = useTranslations("metrics.review");
  const [state, action] = useActionState(saveWeeklyNoteAction, null);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="weekStart" value={weekStart} />
      <TextAreaField label={t("noteLabel")} name="body" defaultValue={body} maxLength={2000} hint={t("noteHint")} error={state && !state.ok ? state.fieldErrors?.body : undefined} />
      <ActionNotice state={state} />
      <SubmitButton pendingText={t("saving")}>{t("save")}</SubmitButton>
    </form>
  );
}
