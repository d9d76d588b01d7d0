/**
 * What changed between two submissions of one customer. Questions are matched by id, so a
 * question kept across template versions compares even if its wording was polished.
 */
import type { AnswerValue, Answers, Question } from "./questions";

export type AnswerChange = {
  questionId: string;
  label: string;
  kind: "added" | "removed" | "changed";
  before?: AnswerValue;
  after?: AnswerValue;
  question?: Question;
};

function same(a: AnswerValue | undefined, b: AnswerValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);
  if (typeof a === "string" && typeof b === "string") return a.trim() === b.trim();
  return a === b;
}

/** Changes from `previous` to `current`, in the order of the current questions, then removed ones. */
export function diffAnswers({
  previous,
  current,
}: {
  previous: { questions: Question[]; answers: Answers };
  current: { questions: Question[]; answers: Answers };
}): AnswerChange[] {
  const changes: AnswerChange[] = [];
  const seen = new Set<string>();
  for (const q of current.questions) {
    seen.add(q.id);
    const before = previous.answers[q.id];
    const after = current.answers[q.id];
    if (same(before, after)) continue;
    const kind = before === undefined ? "added" : after === undefined ? "removed" : "changed";
    changes.push({ questionId: q.id, label: q.label, kind, before, after, question: q });
  }
  for (const q of previous.questions) {
    if (seen.has(q.id) || previous.answers[q.id] === undefined) continue;
    changes.push({ questionId: q.id, label: q.label, kind: "removed", before: previous.answers[q.id], question: q });
  }
  return changes;
}
