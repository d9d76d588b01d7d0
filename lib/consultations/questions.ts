/**
 * The question model of a consultation template version, and the rules that read answers
 * against it: which questions are visible, what a valid answer is, how a form post becomes
 * answers. Pure functions without zod — the builder preview, the public form and the server all
 * use them, and the public form ships no validation library.
 */
import type { FieldError } from "@/lib/errors";

export const QUESTION_TYPES = ["single", "multi", "scale", "short", "long", "yesno", "date"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const SCALE_MIN = 1;
export const SCALE_MAX = 5;

/** One question; its schema (the server's check of a template) is `question-schema.ts`. */
export type Question = {
  id: string;
  type: QuestionType;
  label: string;
  help?: string;
  required: boolean;
  choices?: string[];
  showIf?: { questionId: string; equals: string };
};

/** The answer values a condition on this question may test for. */
export function conditionValues(q: Question): string[] {
  if (q.type === "single" || q.type === "multi") return q.choices ?? [];
  if (q.type === "yesno") return ["yes", "no"];
  if (q.type === "scale") return Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, i) => String(SCALE_MIN + i));
  return [];
}

/** A stored answer: choice text, choices, scale number, text, yes/no as boolean, or a date. */
export type AnswerValue = string | string[] | number | boolean;
export type Answers = Record<string, AnswerValue>;

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);
}

function matches(value: AnswerValue | undefined, equals: string): boolean {
  if (value === undefined) return false;
  if (Array.isArray(value)) return value.includes(equals);
  if (typeof value === "boolean") return (value ? "yes" : "no") === equals;
  return String(value) === equals;
}

/**
 * The questions a customer sees given their answers so far. A question whose condition
 * points at a hidden question is hidden too, so chains of conditions behave.
 */
export function visibleQuestions(questions: Question[], answers: Answers): Question[] {
  const visible = new Set<string>();
  const out: Question[] = [];
  for (const q of questions) {
    if (q.showIf && !(visible.has(q.showIf.questionId) && matches(answers[q.showIf.questionId], q.showIf.equals))) continue;
    visible.add(q.id);
    out.push(q);
  }
  return out;
}

/** One raw value (from a form post or JSON) for one question → a stored value or an error. */
export function parseAnswer(q: Question, raw: unknown): { value?: AnswerValue; error?: FieldError } {
  const asList = Array.isArray(raw) ? raw : isEmpty(raw) ? [] : [raw];
  const text = typeof raw === "string" ? raw.trim() : typeof raw === "number" || typeof raw === "boolean" ? String(raw) : undefined;
  const missing = q.type === "multi" ? asList.length === 0 : isEmpty(text);
  if (missing)
    return q.required
      ? {
          error: {
            code:
              q.type === "multi"
                ? "answer_pick_some"
                : q.type === "single" || q.type === "yesno" || q.type === "scale"
                  ? "answer_pick_one"
                  : "answer_required",
          },
        }
      : {};
  switch (q.type) {
    case "single":
      return q.choices?.includes(text!) ? { value: text! } : { error: { code: "answer_from_choices" } };
    case "multi": {
      const picked = asList.map((v) => String(v).trim());
      if (!picked.every((v) => q.choices?.includes(v))) return { error: { code: "answer_from_choices" } };
      // Stored in the template's order, so two submissions compare equal whatever the click order.
      return { value: (q.choices ?? []).filter((c) => picked.includes(c)) };
    }
    case "scale": {
      const n = Number(text);
      return Number.isInteger(n) && n >= SCALE_MIN && n <= SCALE_MAX
        ? { value: n }
        : { error: { code: "answer_scale", params: { min: SCALE_MIN, max: SCALE_MAX } } };
    }
    case "yesno":
      if (text === "yes" || text === "true") return { value: true };
      if (text === "no" || text === "false") return { value: false };
      return { error: { code: "answer_yes_no" } };
    case "date":
      return /^\d{4}-\d{2}-\d{2}$/.test(text!) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))
        ? { value: text! }
        : { error: { code: "answer_date" } };
    case "short":
      return text!.length <= 200 ? { value: text! } : { error: { code: "text_max", params: { max: 200 } } };
    case "long":
      return text!.length <= 2000 ? { value: text! } : { error: { code: "text_max", params: { max: 2000 } } };
  }
}

/**
 * Validate raw answers against a version's questions. Hidden questions are dropped (an
 * answer to a question the customer could not see is not kept); errors are keyed by question id.
 */
export function validateAnswers(
  questions: Question[],
  raw: Record<string, unknown>,
): { answers: Answers; errors: Record<string, FieldError> } {
  const answers: Answers = {};
  const errors: Record<string, FieldError> = {};
  // Visibility depends on earlier answers, so parse in order and test conditions on parsed values.
  const visible = new Set<string>();
  for (const q of questions) {
    if (q.showIf && !(visible.has(q.showIf.questionId) && matches(answers[q.showIf.questionId], q.showIf.equals))) continue;
    visible.add(q.id);
    const { value, error } = parseAnswer(q, raw[q.id]);
    if (error) errors[q.id] = error;
    else if (value !== undefined) answers[q.id] = value;
  }
  return { answers, errors };
}

/** Form field name of a question's input. */
export const answerField = (questionId: string) => `q.${questionId}`;

/** A posted form object (`q.<id>` keys, repeated names as arrays) → raw answers by question id. */
export function rawAnswersFromForm(form: Record<string, unknown>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) if (key.startsWith("q.")) raw[key.slice(2)] = value;
  return raw;
}

/** An answer as a sentence part for cards and the private page. */
export function formatAnswer(q: Question | undefined, value: AnswerValue | undefined, locale = "ko"): string {
  if (value === undefined || value === null) return "—";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "—";
  if (typeof value === "boolean") return value ? (locale === "en" ? "Yes" : "예") : locale === "en" ? "No" : "아니요"; // hangul-ok: chosen by locale
  if (q?.type === "scale") return `${value} / ${SCALE_MAX}`;
  return String(value);
}

/** A fresh question id, unique within the list (the builder gives new questions one). */
export function newQuestionId(existing: string[]): string {
  for (let i = existing.length + 1; ; i++) {
    const id = `q${i}`;
    if (!existing.includes(id)) return id;
  }
}
