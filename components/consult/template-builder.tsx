"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions";
import { Button } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { Field, FieldError, inputClass, TextAreaField } from "@/components/ui/field";
import { ActionNotice } from "@/components/ui/notice";
import {
  conditionValues,
  newQuestionId,
  QUESTION_TYPES,
  visibleQuestions,
  type Answers,
  type Question,
  type QuestionType,
} from "@/lib/consultations/questions";
import { submitWithoutReset } from "@/components/ui/use-action-form";
import { QuestionInput, type DraftValue } from "./question-input";

type Action = (prev: ActionState<{ id: number }>, form: FormData) => Promise<ActionState<{ id: number }>>;

/** The editor's working copy: choices as text, one per line, so typing is free. */
type Draft = Omit<Question, "choices"> & { choicesText: string };

const toDraft = (q: Question): Draft => ({ ...q, choicesText: (q.choices ?? []).join("\n") });
function toQuestion(d: Draft): Question {
  const { choicesText, ...rest } = d;
  const q: Question = { ...rest, help: rest.help?.trim() || undefined };
  if (d.type === "single" || d.type === "multi")
    q.choices = choicesText
      .split("\n")
      .map((c) => c.trim())
      .filter(Boolean);
  else delete q.choices;
  if (!q.help) delete q.help;
  if (!q.showIf) delete q.showIf;
  return q;
}

export function TemplateBuilder({
  action,
  initial,
  submissionCount,
}: {
  action: Action;
  initial: { id?: number; title: string; description: string; slug: string; active: boolean; questions: Question[] };
  submissionCount: number;
}) {
  const t = useTranslations("consult.builder");
  const [title, setTitle] = useState(initial.title);
  const [description, setDescription] = useState(initial.description);
  const [slug, setSlug] = useState(initial.slug);
  const [active, setActive] = useState(initial.active);
  const [drafts, setDrafts] = useState<Draft[]>(initial.questions.map(toDraft));
  const [preview, setPreview] = useState<Record<string, DraftValue>>({});
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const questions = drafts.map(toQuestion);

  const update = (i: number, patch: Partial<Draft>) => setDrafts((ds) => ds.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const move = (i: number, by: number) =>
    setDrafts((ds) => {
      const j = i + by;
      if (j < 0 || j >= ds.length) return ds;
      const next = [...ds];
      [next[i], next[j]] = [next[j], next[i]];
      return next;
    });
  const add = () =>
    setDrafts((ds) => [...ds, { id: newQuestionId(ds.map((d) => d.id)), type: "single", label: "", required: false, choicesText: "" }]);
  const remove = (i: number) =>
    setDrafts((ds) => ds.filter((_, j) => j !== i).map((d) => (d.showIf?.questionId === ds[i].id ? { ...d, showIf: undefined } : d)));

  const previewAnswers: Answers = {};
  for (const [k, v] of Object.entries(preview))
    if (v !== "" && !(Array.isArray(v) && !v.length)) previewAnswers[k] = v === "yes" ? true : v === "no" ? false : (v as string);

  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_400px]">
      <form onSubmit={submitWithoutReset(formAction)} className="space-y-4" aria-label={t("editorLabel")}>
        {initial.id && <input type="hidden" name="id" value={initial.id} />}
        <input type="hidden" name="questions" value={JSON.stringify(questions)} />
        <div className="grid gap-3 rounded-2xl border border-stone-200 bg-white p-4 md:grid-cols-2">
          <Field label={t("title")} name="title" value={title} onChange={(e) => setTitle(e.target.value)} error={errors.title} />
          <Field
            label={t("slug")}
            name="slug"
            value={slug}
            onChange={(e) => setSlug(e.target.value)}
            hint={t("slugHint")}
            error={errors.slug}
          />
          <TextAreaField
            className="md:col-span-2"
            label={t("description")}
            name="description"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            rows={2}
            error={errors.description}
          />
          <label className="flex min-h-11 items-center gap-3">
            <input
              type="checkbox"
              name="active"
              checked={active}
              onChange={(e) => setActive(e.target.checked)}
              className="size-5 accent-brand-600"
            />
            {t("active")}
          </label>
        </div>
        {submissionCount > 0 && (
          <p className="rounded-xl bg-amber-50 p-3 text-sm text-amber-900">{t("versionNote", { count: submissionCount })}</p>
        )}
        <FieldError error={errors.questions} />
        <ol className="space-y-3">
          {drafts.map((d, i) => {
            const prefix = `questions.${i}`;
            const earlier = questions.slice(0, i).filter((q) => conditionValues(q).length > 0);
            const target = earlier.find((q) => q.id === d.showIf?.questionId);
            return (
              <li key={i} className="rounded-2xl border border-stone-200 bg-white p-4" data-testid="builder-question">
                <div className="mb-3 flex items-center justify-between gap-2">
                  <span className="font-semibold text-stone-700">{t("questionN", { n: i + 1 })}</span>
                  <div className="flex gap-1">
                    <Button variant="ghost" onClick={() => move(i, -1)} disabled={i === 0} aria-label={t("moveUp", { n: i + 1 })}>
                      ↑
                    </Button>
                    <Button
                      variant="ghost"
                      onClick={() => move(i, 1)}
                      disabled={i === drafts.length - 1}
                      aria-label={t("moveDown", { n: i + 1 })}
                    >
                      ↓
                    </Button>
                    <Button variant="ghost" onClick={() => remove(i)} aria-label={t("remove", { n: i + 1 })}>
                      {t("removeShort")}
                    </Button>
                  </div>
                </div>
                <div className="grid gap-3 md:grid-cols-[1fr_200px]">
                  <Field
                    label={t("label")}
                    value={d.label}
                    onChange={(e) => update(i, { label: e.target.value })}
                    error={errors[`${prefix}.label`]}
                  />
                  <div>
                    <label className="mb-1 block text-sm font-semibold text-stone-700" htmlFor={`type-${i}`}>
                      {t("type")}
                    </label>
                    <select
                      id={`type-${i}`}
                      className={inputClass}
                      value={d.type}
                      onChange={(e) => update(i, { type: e.target.value as QuestionType })}
                    >
                      {QUESTION_TYPES.map((type) => (
                        <option key={type} value={type}>
                          {t(`types.${type}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <Field
                    label={t("help")}
                    value={d.help ?? ""}
                    onChange={(e) => update(i, { help: e.target.value })}
                    error={errors[`${prefix}.help`]}
                  />
                  <label className="flex min-h-11 items-center gap-3 self-end">
                    <input
                      type="checkbox"
                      checked={d.required}
                      onChange={(e) => update(i, { required: e.target.checked })}
                      className="size-5 accent-brand-600"
                    />
                    {t("required")}
                  </label>
                  {(d.type === "single" || d.type === "multi") && (
                    <TextAreaField
                      className="md:col-span-2"
                      label={t("choices")}
                      hint={t("choicesHint")}
                      rows={3}
                      value={d.choicesText}
                      onChange={(e) => update(i, { choicesText: e.target.value })}
                      error={errors[`${prefix}.choices`]}
                    />
                  )}
                  {earlier.length > 0 && (
                    <div className="grid gap-2 md:col-span-2 md:grid-cols-2">
                      <div>
                        <label className="mb-1 block text-sm font-semibold text-stone-700" htmlFor={`cond-${i}`}>
                          {t("showIf")}
                        </label>
                        <select
                          id={`cond-${i}`}
                          className={inputClass}
                          value={d.showIf?.questionId ?? ""}
                          onChange={(e) => {
                            const q = earlier.find((x) => x.id === e.target.value);
                            update(i, { showIf: q ? { questionId: q.id, equals: conditionValues(q)[0] } : undefined });
                          }}
                        >
                          <option value="">{t("always")}</option>
                          {earlier.map((q) => (
                            <option key={q.id} value={q.id}>
                              {q.label || q.id}
                            </option>
                          ))}
                        </select>
                      </div>
                      {target && (
                        <div>
                          <label className="mb-1 block text-sm font-semibold text-stone-700" htmlFor={`eq-${i}`}>
                            {t("equals")}
                          </label>
                          <select
                            id={`eq-${i}`}
                            className={inputClass}
                            value={d.showIf?.equals ?? ""}
                            onChange={(e) => update(i, { showIf: { questionId: target.id, equals: e.target.value } })}
                          >
                            {conditionValues(target).map((v) => (
                              <option key={v} value={v}>
                                {v === "yes" ? t("yes") : v === "no" ? t("no") : v}
                              </option>
                            ))}
                          </select>
                        </div>
                      )}
                      <FieldError error={errors[`${prefix}.showIf`]} />
                    </div>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
        <Button variant="secondary" onClick={add}>
          {t("addQuestion")}
        </Button>
        <ActionNotice state={state} />
        <button type="submit" disabled={pending} aria-busy={pending} className={buttonClass("primary", "w-full md:w-auto")}>
          {pending ? t("saving") : t("save")}
        </button>
      </form>

      <aside aria-labelledby="preview-title" className="xl:sticky xl:top-4 xl:self-start">
        <h2 id="preview-title" className="mb-2 text-lg font-bold">
          {t("preview")}
        </h2>
        <div
          className="mx-auto max-w-[390px] space-y-3 rounded-3xl border-8 border-stone-800 bg-stone-50 p-3"
          data-testid="builder-preview"
        >
          <p className="text-xl font-bold">{title || t("untitled")}</p>
          {description && <p className="text-sm text-stone-700">{description}</p>}
          {visibleQuestions(
            questions.filter((q) => q.label),
            previewAnswers,
          ).map((q) => (
            <QuestionInput
              key={q.id}
              idPrefix="preview-"
              question={q}
              value={preview[q.id]}
              onChange={(v) => setPreview((p) => ({ ...p, [q.id]: v }))}
            />
          ))}
        </div>
      </aside>
    </div>
  );
}
