"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions";
import { Button } from "@/components/ui/button";
import { ActionNotice } from "@/components/ui/notice";
import { useActionForm } from "@/components/ui/use-action-form";
import { fill, SAMPLE_PARAMS } from "@/lib/messages/template-fill";

/** One template's text with a live preview filled with example values. */
export function MessageTextForm({
  action,
  template,
  locale,
  label,
  text,
  customised,
  maxLength,
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  template: string;
  locale: "ko" | "en";
  label: string;
  text: string;
  customised: boolean;
  maxLength: number;
}) {
  const t = useTranslations("admin.outbox");
  const { state, pending, onSubmit } = useActionForm(action);
  const [body, setBody] = useState(text);
  const id = `text-${template}-${locale}`;
  return (
    <form onSubmit={onSubmit} className="space-y-2 rounded-2xl border border-stone-200 bg-white p-4" data-testid={id}>
      <input type="hidden" name="template" value={template} />
      <input type="hidden" name="locale" value={locale} />
      <label htmlFor={id} className="flex flex-wrap items-center gap-2 font-semibold">
        {label} <span className="text-sm font-normal text-stone-500">({locale === "ko" ? "한국어" : "English"})</span>
        {customised && <span className="rounded-full bg-amber-100 px-2 text-sm text-amber-900">{t("customised")}</span>}
      </label>
      <textarea
        id={id}
        name="body"
        value={body}
        onChange={(e) => setBody(e.target.value)}
        rows={3}
        maxLength={maxLength}
        className="w-full rounded-xl border border-stone-300 p-3"
      />
      <p className="text-right text-sm text-stone-500">
        {body.length} / {maxLength}
      </p>
      <div className="rounded-xl bg-stone-100 p-3 text-sm" aria-live="polite">
        <span className="font-semibold">{t("preview")}: </span>
        <span data-testid="text-preview">{fill(body, SAMPLE_PARAMS)}</span>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="intent" value="save" disabled={pending}>
          {t("saveText")}
        </Button>
        {customised && (
          <Button type="submit" name="intent" value="reset" variant="ghost" disabled={pending}>
            {t("resetText")}
          </Button>
        )}
      </div>
      <ActionNotice state={state} />
    </form>
  );
}
