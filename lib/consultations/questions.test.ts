import { describe, expect, it } from "vitest";
import { questionsSchema } from "./question-schema";
import { validateAnswers, visibleQuestions, type Question } from "./questions";
import { ALLERGY_QUESTIONS, BREAD_TASTE_QUESTIONS, CAKE_ORDER_QUESTIONS } from "./demo-templates";

const Q: Question[] = [
  { id: "sensitive", type: "yesno", label: "예민한가요?", required: true },
  {
    id: "detail",
    type: "single",
    label: "무엇에?",
    required: true,
    choices: ["향료", "알코올"],
    showIf: { questionId: "sensitive", equals: "yes" },
  },
  { id: "detail_more", type: "long", label: "더 자세히", required: true, showIf: { questionId: "detail", equals: "향료" } },
  { id: "concerns", type: "multi", label: "고민", required: false, choices: ["건조", "트러블", "홍조"] },
  { id: "redness", type: "scale", label: "홍조 정도", required: true, showIf: { questionId: "concerns", equals: "홍조" } },
  { id: "since", type: "date", label: "언제부터", required: false },
];

describe("question list validation", () => {
  it("accepts the demo templates", () => {
    expect(questionsSchema.safeParse(BREAD_TASTE_QUESTIONS).success).toBe(true);
    expect(questionsSchema.safeParse(ALLERGY_QUESTIONS).success).toBe(true);
    expect(questionsSchema.safeParse(CAKE_ORDER_QUESTIONS).success).toBe(true);
    expect(questionsSchema.safeParse(Q).success).toBe(true);
  });

  it("refuses duplicate ids, choice questions without choices, and conditions on later or unknown values", () => {
    const dup = questionsSchema.safeParse([Q[0], { ...Q[0] }]);
    expect(dup.success).toBe(false);
    const noChoices = questionsSchema.safeParse([{ id: "a", type: "single", label: "?", required: true, choices: ["하나"] }]);
    expect(noChoices.error?.issues[0].message).toBe("choices_two_or_more");
    const forward = questionsSchema.safeParse([{ ...Q[1] }, Q[0]]);
    expect(forward.error?.issues[0].message).toBe("condition_earlier_only");
    const badValue = questionsSchema.safeParse([Q[0], { ...Q[1], showIf: { questionId: "sensitive", equals: "maybe" } }]);
    expect(badValue.error?.issues[0].message).toBe("condition_value_unknown");
  });
});

describe("conditional questions", () => {
  it("shows a follow-up only when the earlier answer has the value, and chains", () => {
    expect(visibleQuestions(Q, {}).map((q) => q.id)).toEqual(["sensitive", "concerns", "since"]);
    expect(visibleQuestions(Q, { sensitive: true }).map((q) => q.id)).toEqual(["sensitive", "detail", "concerns", "since"]);
    expect(visibleQuestions(Q, { sensitive: true, detail: "향료" }).map((q) => q.id)).toContain("detail_more");
    // detail_more hangs on detail, which is hidden when sensitive = no: hidden too.
    expect(visibleQuestions(Q, { sensitive: false, detail: "향료" }).map((q) => q.id)).not.toContain("detail_more");
    expect(visibleQuestions(Q, { concerns: ["건조", "홍조"] }).map((q) => q.id)).toContain("redness");
  });

  it("requires a visible required follow-up and drops answers to hidden questions", () => {
    const shown = validateAnswers(Q, { sensitive: "yes", detail: "" });
    expect(shown.errors).toEqual({ detail: { code: "answer_pick_one" } });
    const hidden = validateAnswers(Q, { sensitive: "no", detail: "향료", detail_more: "무엇이든" });
    expect(hidden.errors).toEqual({});
    expect(hidden.answers).toEqual({ sensitive: false });
  });
});

describe("answer validation", () => {
  it("types each answer and marks bad ones by question id", () => {
    const ok = validateAnswers(Q, {
      sensitive: "yes",
      detail: " 향료 ",
      detail_more: "두드러기",
      concerns: ["홍조", "건조"],
      redness: "4",
      since: "2026-03-01",
    });
    expect(ok.errors).toEqual({});
    expect(ok.answers).toEqual({
      sensitive: true,
      detail: "향료",
      detail_more: "두드러기",
      concerns: ["건조", "홍조"],
      redness: 4,
      since: "2026-03-01",
    });

    const bad = validateAnswers(Q, { sensitive: "maybe", concerns: ["주름"], since: "어제" });
    expect(bad.errors).toEqual({
      sensitive: { code: "answer_yes_no" },
      concerns: { code: "answer_from_choices" },
      since: { code: "answer_date" },
    });
    expect(validateAnswers(Q, { sensitive: "no", concerns: "홍조", redness: "9" }).errors).toEqual({
      redness: { code: "answer_scale", params: { min: 1, max: 5 } },
    });
  });

  it("needs an answer for a required question and none for an optional one", () => {
    expect(validateAnswers(Q, {}).errors).toEqual({ sensitive: { code: "answer_pick_one" } });
    expect(validateAnswers(BREAD_TASTE_QUESTIONS, { sweetness: "3", texture: "쫄깃한" }).errors).toEqual({
      favourites: { code: "answer_pick_some" },
    });
  });
});
