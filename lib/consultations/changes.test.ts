import { describe, expect, it } from "vitest";
import { diffAnswers } from "./changes";
import type { Question } from "./questions";

const v1: Question[] = [
  { id: "acidity", type: "scale", label: "산미", required: true },
  { id: "brew", type: "multi", label: "추출", required: true, choices: ["핸드드립", "모카포트", "콜드브루"] },
  { id: "old", type: "short", label: "예전 질문", required: false },
];
const v2: Question[] = [
  { id: "acidity", type: "scale", label: "산미를 얼마나 좋아하세요?", required: true },
  { id: "brew", type: "multi", label: "추출", required: true, choices: ["핸드드립", "모카포트", "콜드브루"] },
  { id: "milk", type: "yesno", label: "우유", required: false },
];

describe("change detection between submissions", () => {
  it("reports changed, added and removed answers across versions, matched by question id", () => {
    const changes = diffAnswers({
      previous: { questions: v1, answers: { acidity: 2, brew: ["핸드드립"], old: "메모" } },
      current: { questions: v2, answers: { acidity: 4, brew: ["핸드드립"], milk: true } },
    });
    expect(changes.map(({ questionId, kind, before, after, label }) => ({ questionId, kind, before, after, label }))).toEqual([
      { questionId: "acidity", kind: "changed", before: 2, after: 4, label: "산미를 얼마나 좋아하세요?" },
      { questionId: "milk", kind: "added", before: undefined, after: true, label: "우유" },
      { questionId: "old", kind: "removed", before: "메모", after: undefined, label: "예전 질문" },
    ]);
  });

  it("finds nothing when only the order of multiple choices or surrounding spaces differ", () => {
    const changes = diffAnswers({
      previous: { questions: v2, answers: { acidity: 3, brew: ["모카포트", "핸드드립"] } },
      current: { questions: v2, answers: { acidity: 3, brew: ["핸드드립", "모카포트"] } },
    });
    expect(changes).toEqual([]);
  });

  it("notices an answer taken away", () => {
    const changes = diffAnswers({
      previous: { questions: v2, answers: { acidity: 3, milk: false } },
      current: { questions: v2, answers: { acidity: 3 } },
    });
    expect(changes).toMatchObject([{ questionId: "milk", kind: "removed", before: false }]);
  });
});
