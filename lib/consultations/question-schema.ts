/**
 * The server's check of a template's question list (the builder's save, stored versions).
 * Kept apart from `questions.ts` so the browser's form and builder never load zod.
 */
import { z } from "zod";
import { conditionValues, QUESTION_TYPES, type Question } from "./questions";

const questionIdSchema = z.string().regex(/^[a-z0-9_-]{1,40}$/, "question_id_format");

export const questionSchema = z.object({
  id: questionIdSchema,
  type: z.enum(QUESTION_TYPES),
  label: z.string().trim().min(1, "question_label_required").max(200, "question_label_too_long"),
  help: z.string().trim().max(300, "question_help_too_long").optional(),
  required: z.boolean().default(false),
  choices: z.array(z.string().trim().min(1, "choice_empty").max(80, "choice_too_long")).max(30).optional(),
  showIf: z.object({ questionId: questionIdSchema, equals: z.string().min(1).max(80) }).optional(),
}) satisfies z.ZodType<Question>;

/** A whole question list: ids unique, choices where needed, conditions only on earlier questions. */
export const questionsSchema = z
  .array(questionSchema)
  .min(1, "questions_min")
  .max(60, "questions_max")
  .superRefine((questions, ctx) => {
    const seen = new Map<string, Question>();
    questions.forEach((q, i) => {
      if (seen.has(q.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: "question_id_repeat" });
      if ((q.type === "single" || q.type === "multi") && (!q.choices || q.choices.length < 2)) {
        ctx.addIssue({ code: "custom", path: [i, "choices"], message: "choices_two_or_more" });
      }
      if (q.choices && new Set(q.choices).size !== q.choices.length) {
        ctx.addIssue({ code: "custom", path: [i, "choices"], message: "choice_repeat" });
      }
      if (q.showIf) {
        const target = seen.get(q.showIf.questionId);
        if (!target) {
          ctx.addIssue({ code: "custom", path: [i, "showIf"], message: "condition_earlier_only" });
        } else if (!conditionValues(target).includes(q.showIf.equals)) {
          ctx.addIssue({ code: "custom", path: [i, "showIf"], message: "condition_value_unknown" });
        }
      }
      seen.set(q.id, q);
    });
  });

/** Parse stored questions JSON (a version row) — throws if the stored shape is broken. */
export function readQuestions(json: unknown): Question[] {
  return questionsSchema.parse(json);
}
