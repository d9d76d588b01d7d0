"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { ActionNotice } from "@/components/ui/notice";
import { useActionForm } from "@/components/ui/use-action-form";

/** Create an API key; the plain key is shown here once, in a box to copy from. */
type KeyAction = (prev: ActionState<{ key: string }>, form: FormData) => Promise<ActionState<{ key: string }>>;

export function ApiKeyForm({ action }: { action: KeyAction }) {
  const t = useTranslations("admin.settings");
  const tc = useTranslations("admin.common");
  const { state, pending, onSubmit } = useActionForm(action as (prev: ActionState, form: FormData) => Promise<ActionState>);
  const [copied, setCopied] = useState(false);
  const key = state?.ok ? (state.data as { key?: string } | undefined)?.key : undefined;
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" noValidate>
        <Field label={t("keyName")} name="name" hint={t("keyNameHint")} maxLength={80} className="min-w-64 flex-1" />
        <SelectField label={t("scope")} name="scope" defaultValue="staff" className="w-56">
          <option value="staff">{t("scopeStaff")}</option>
          <option value="owner">{t("scopeOwner")}</option>
        </SelectField>
        <Button type="submit" disabled={pending} aria-busy={pending} className="mb-7">
          {t("createKey")}
        </Button>
      </form>
      <ActionNotice state={state} />
      {key && (
        <div className="rounded-xl border-2 border-amber-400 bg-amber-50 p-4" data-testid="new-api-key">
          <label htmlFor="new-api-key" className="mb-1 block text-sm font-semibold text-amber-900">
            {t("plainKey")}
          </label>
          <div className="flex flex-wrap gap-2">
            <input id="new-api-key" readOnly value={key} onFocus={(e) => e.currentTarget.select()} className="min-h-11 min-w-0 flex-1 rounded-lg border border-amber-300 bg-white px-3 font-mono text-base" />
            <Button
              variant="secondary"
              onClick={async () => {
                await navigator.clipboard?.writeText(key).catch(() => undefined);
                setCopied(true);
              }}
            >
              {copied ? tc("copied") : tc("copy")}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
