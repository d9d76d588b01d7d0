"use client";

import { useTranslations } from "next-intl";
import { FieldError, inputClass } from "@/components/ui/field";
import { answerField, SCALE_MAX, SCALE_MIN, type Question } from "@/lib/consultations/questions";

/** A raw form value for one question while the customer edits (strings, as the form posts them). */
export type DraftValue = string | string[];

const choiceClass =
  "flex min-h-11 cursor-pointer items-center gap-3 rounded-xl border border-stone-300 bg-white px-3 py-2 text-base has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-brand-500";

/**
 * One question as the customer sees it — on the public form and in the builder's preview.
 * Controlled, so a failed submit never loses what was typed.
 */
export function QuestionInput({
  question: q,
  value,
  onChange,
  error,
  idPrefix = "",
  changed,
}: {
  question: Question;
  value: DraftValue | undefined;
  onChange: (v: DraftValue) => void;
  error?: string;
  idPrefix?: string;
  changed?: boolean;
}) {
  const t = useTranslations("consult.form");
  const name = answerField(q.id);
  const id = `${idPrefix}${q.id}`;
  const helpId = q.help ? `${id}-help` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(" ") || undefined;
  const str = typeof value === "string" ? value : "";
  const list = Array.isArray(value) ? value : [];
  const title = (
    <>
      {q.label}
      {q.required ? (
        <span className="ml-1 text-red-700" aria-hidden="true">
          *
        </span>
      ) : (
        <span className="ml-2 text-sm font-normal text-stone-600">({t("optional")})</span>
      )}
      {changed && <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">{t("prefilled")}</span>}
    </>
  );
  const help = q.help ? (
    <p id={helpId} className="mb-2 text-sm text-stone-600">
      {q.help}
    </p>
  ) : null;
  const wrap = "rounded-2xl border bg-white p-4 " + (error ? "border-red-400" : "border-stone-200");

  if (q.type === "short" || q.type === "long" || q.type === "date") {
    const common = {
      id,
      name,
      value: str,
      "aria-invalid": error ? true : undefined,
      "aria-describedby": describedBy,
      "aria-required": q.required || undefined,
      className: inputClass + (q.type === "long" ? " min-h-28" : ""),
    };
    return (
      <div className={wrap} data-testid={`question-${q.id}`}>
        <label htmlFor={id} className="mb-2 block text-base font-semibold">
          {title}
        </label>
        {help}
        {q.type === "long" ? (
          <textarea {...common} maxLength={2000} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input {...common} type={q.type === "date" ? "date" : "text"} maxLength={200} onChange={(e) => onChange(e.target.value)} />
        )}
        <FieldError id={errorId} error={error} />
      </div>
    );
  }

  const options: { value: string; label: string }[] =
    q.type === "yesno"
      ? [
          { value: "yes", label: t("yes") },
          { value: "no", label: t("no") },
        ]
      : q.type === "scale"
        ? Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, i) => ({ value: String(SCALE_MIN + i), label: String(SCALE_MIN + i) }))
        : (q.choices ?? []).map((c) => ({ value: c, label: c }));
  const multi = q.type === "multi";
  return (
    <fieldset className={wrap} aria-describedby={describedBy} aria-invalid={error ? true : undefined} data-testid={`question-${q.id}`}>
      <legend className="float-left mb-2 w-full text-base font-semibold">{title}</legend>
      <div className="clear-both">
        {help}
        <div className={q.type === "scale" ? "grid grid-cols-5 gap-2" : q.type === "yesno" ? "grid grid-cols-2 gap-2" : "grid gap-2"}>
          {options.map((o) => (
            <label key={o.value} className={choiceClass + (q.type === "scale" ? " justify-center" : "")}>
              <input
                type={multi ? "checkbox" : "radio"}
                name={name}
                value={o.value}
                checked={multi ? list.includes(o.value) : str === o.value}
                onChange={(e) => onChange(multi ? (e.target.checked ? [...list, o.value] : list.filter((v) => v !== o.value)) : o.value)}
                className={q.type === "scale" ? "sr-only" : "size-5 shrink-0 accent-brand-600"}
              />
              <span>{o.label}</span>
            </label>
          ))}
        </div>
        {multi && <p className="mt-2 text-sm text-stone-600">{t("pickAny")}</p>}
        <FieldError id={errorId} error={error} />
      </div>
    </fieldset>
  );
}
