"use client";

import Link from "next/link";
import { useActionState, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions";
import { buttonClass } from "@/components/ui/button-class";
import { Field, FieldError, PhoneField } from "@/components/ui/field";
import { KeepLink } from "@/components/storefront/keep-link";
import { Notice } from "@/components/ui/notice";
import { visibleQuestions, type AnswerValue, type Answers, type Question } from "@/lib/consultations/questions";
import { submitWithoutReset } from "@/components/ui/use-action-form";
import { QuestionInput, type DraftValue } from "./question-input";

type Action = (prev: ActionState<{ token: string | null }>, form: FormData) => Promise<ActionState<{ token: string | null }>>;

/** Stored answers → the strings the inputs hold. */
export function toDraft(answers: Answers): Record<string, DraftValue> {
  const out: Record<string, DraftValue> = {};
  for (const [k, v] of Object.entries(answers)) out[k] = Array.isArray(v) ? v : typeof v === "boolean" ? (v ? "yes" : "no") : String(v);
  return out;
}

/** The draft as typed values, only to decide which follow-up questions show. */
function asAnswers(draft: Record<string, DraftValue>): Answers {
  const out: Answers = {};
  for (const [k, v] of Object.entries(draft)) {
    if (v === "" || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = (v === "yes" ? true : v === "no" ? false : v) as AnswerValue;
  }
  return out;
}

export function ConsultForm({
  action,
  slug,
  versionId,
  questions,
  prefill,
  known,
  token,
  consentText,
}: {
  action: Action;
  slug: string;
  versionId: number;
  questions: Question[];
  prefill: Answers | null;
  /** The returning customer (from their private link): name shown, phone never asked. */
  known: { name: string | null } | null;
  token: string | null;
  consentText: string;
}) {
  const t = useTranslations("consult.form");
  const ts = useTranslations("storefront");
  const initial = useMemo(() => toDraft(prefill ?? {}), [prefill]);
  const [draft, setDraft] = useState<Record<string, DraftValue>>(initial);
  const [name, setName] = useState(known?.name ?? "");
  const [phone, setPhone] = useState("");
  const [consent, setConsent] = useState(false);
  const [marketing, setMarketing] = useState(false);
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const shown = visibleQuestions(questions, asAnswers(draft));

  if (state?.ok) {
    const myToken = state.data?.token ?? null;
    return (
      <div className="space-y-4" data-testid="consult-done">
        <Notice tone="success" testId="consult-success">
          {t("thanks")}
        </Notice>
        {myToken ? (
          <>
            <p className="text-base">
              {t("myPageHint")}{" "}
              <Link href={`/me/${myToken}`} className="font-semibold text-brand-700 underline">
                {t("myPageLink")}
              </Link>
            </p>
            <KeepLink path={`/me/${myToken}`} body={ts("keepBodyMe")} />
          </>
        ) : (
          <p className="text-base text-stone-700">{t("myPageByOrder")}</p>
        )}
      </div>
    );
  }

  return (
    <form onSubmit={submitWithoutReset(formAction)} className="space-y-4" noValidate>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="versionId" value={versionId} />
      {token && <input type="hidden" name="token" value={token} />}
      {prefill && (
        <Notice tone="info" testId="consult-prefilled">
          {t("prefilledNotice")}
        </Notice>
      )}
      <section className="space-y-3 rounded-2xl border border-stone-200 bg-white p-4">
        <h2 className="text-lg font-bold">{t("aboutYou")}</h2>
        <Field
          label={t("name")}
          name="name"
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={40}
          error={errors.name}
        />
        {!known && (
          <PhoneField
            label={t("phone")}
            placeholder="010-1234-5678"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            hint={t("phoneHint")}
            error={errors.phone}
          />
        )}
      </section>
      {shown.map((q) => (
        <QuestionInput
          key={q.id}
          question={q}
          value={draft[q.id]}
          onChange={(v) => setDraft((d) => ({ ...d, [q.id]: v }))}
          error={errors[`q.${q.id}`]}
          changed={!!prefill && JSON.stringify(draft[q.id] ?? "") !== JSON.stringify(initial[q.id] ?? "")}
        />
      ))}
      <section className="space-y-2 rounded-2xl border border-stone-200 bg-white p-4">
        <p className="text-sm text-stone-700">{consentText}</p>
        <label className="flex min-h-11 items-start gap-3 text-base">
          <input
            type="checkbox"
            name="consent"
            checked={consent}
            onChange={(e) => setConsent(e.target.checked)}
            className="mt-1 size-5 shrink-0 accent-brand-600"
            aria-invalid={errors.consent ? true : undefined}
          />
          <span>{t("consent")}</span>
        </label>
        <FieldError error={errors.consent} />
        <label className="flex min-h-11 items-start gap-3 text-base">
          <input
            type="checkbox"
            name="marketing"
            checked={marketing}
            onChange={(e) => setMarketing(e.target.checked)}
            className="mt-1 size-5 shrink-0 accent-brand-600"
          />
          <span>{t("marketing")}</span>
        </label>
      </section>
      {state && !state.ok && (
        <Notice tone="error" testId="consult-error">
          {state.message}
        </Notice>
      )}
      <button type="submit" disabled={pending} aria-busy={pending} className={buttonClass("primary", "w-full")}>
        {pending ? t("submitting") : prefill ? t("confirm") : t("submit")}
      </button>
    </form>
  );
}
