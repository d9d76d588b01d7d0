import { formatAnswer, type Answers, type Question } from "@/lib/consultations/questions";

/** A submission shown with the questions of the version it was answered on. */
export function AnswerList({
  questions,
  answers,
  locale,
  highlight = [],
}: {
  questions: Question[];
  answers: Answers;
  locale: string;
  highlight?: string[];
}) {
  const answered = questions.filter((q) => answers[q.id] !== undefined);
  return (
    <dl className="mt-2 space-y-2">
      {answered.map((q) => (
        <div key={q.id} className={highlight.includes(q.id) ? "rounded-lg bg-amber-50 p-2" : "p-2"}>
          <dt className="text-sm text-stone-600">{q.label}</dt>
          <dd className="text-base font-medium whitespace-pre-wrap">{formatAnswer(q, answers[q.id], locale)}</dd>
        </div>
      ))}
    </dl>
  );
}
