"use client";

import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { ActionNotice } from "@/components/ui/notice";
import { SecretOnce } from "./secret-once";
import { useActionForm } from "@/components/ui/use-action-form";

/** Create an API key; the plain key is shown here once, in a box to copy from. */
type KeyAction = (prev: ActionState<{ key: string }>, form: FormData) => Promise<ActionState<{ key: string }>>;

export function ApiKeyForm({ action }: { action: KeyAction }) {
  const t = useTranslations("admin.settings");
  const { state, pending, onSubmit } = useActionForm(action as (prev: ActionState, form: FormData) => Promise<ActionState>);
  const key = state?.ok ? (state.data as { key?: string } | undefined)?.key : undefined;
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="flex flex-wrap items-start gap-3" noValidate>
        <Field label={t("keyName")} name="name" hint={t("keyNameHint")} maxLength={80} className="min-w-64 flex-1" />
        <SelectField label={t("scope")} name="scope" defaultValue="staff" className="w-56">
          <option value="staff">{t("scopeStaff")}</option>
          <option value="owner">{t("scopeOwner")}</option>
        </SelectField>
        <Button type="submit" disabled={pending} aria-busy={pending} className="mt-6">
          {t("createKey")}
        </Button>
      </form>
      <ActionNotice state={state} />
      {key && <SecretOnce label={t("plainKey")} value={key} testId="new-api-key" />}
    </div>
  );
}
