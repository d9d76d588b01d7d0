import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { consultationTemplateVersions, shopSettings } from "@/db/schema";
import { freshDb, shopWithProducts } from "@/tests/helpers/db";
import { BREAD_TASTE_QUESTIONS, seedConsultationTemplates } from "./demo-templates";
import { translateError, type AppError } from "@/lib/errors";
import { lastAnswersFor, latestAnswersByTemplate, listSubmissions, submitConsultation } from "./submissions";
import { createTemplate, getActiveTemplateBySlug, updateTemplate } from "./templates";
import type { Question } from "./questions";

let db: Db;
beforeEach(() => {
  db = freshDb();
  shopWithProducts(db);
});

const questions: Question[] = [
  { id: "body", type: "single", label: "바디감", required: true, choices: ["가벼운", "묵직한"] },
  { id: "acidity", type: "scale", label: "산미", required: true },
];

describe("template versioning", () => {
  it("edits an unanswered version in place, and makes a new version once it has answers", () => {
    const t = createTemplate({ db, input: { title: "취향", slug: "taste", questions } });
    expect(t.version.version).toBe(1);
    const edited = updateTemplate({
      db,
      id: t.id,
      input: { title: "취향", slug: "taste", questions: [{ ...questions[0], label: "좋아하는 바디감" }, questions[1]] },
    });
    expect(edited.newVersion).toBe(false);
    expect(edited.version.version).toBe(1);

    const first = submitConsultation({
      db,
      slug: "taste",
      input: {
        templateVersionId: edited.version.id,
        name: "김단골",
        phone: "010-1111-2222",
        consent: true,
        rawAnswers: { body: "가벼운", acidity: "4" },
      },
    });

    const v2 = updateTemplate({
      db,
      id: t.id,
      input: {
        title: "취향",
        slug: "taste",
        questions: [...edited.questions, { id: "milk", type: "yesno", label: "우유", required: false }],
      },
    });
    expect(v2.newVersion).toBe(true);
    expect(v2.version.version).toBe(2);
    expect(db.select().from(consultationTemplateVersions).where(eq(consultationTemplateVersions.templateId, t.id)).all()).toHaveLength(2);

    // The old submission is still shown with the questions it was answered on.
    const [old] = listSubmissions({ db, customerId: first.customerId });
    expect(old.version).toBe(1);
    expect(old.questions.map((q) => q.id)).toEqual(["body", "acidity"]);
    expect(old.questions[0].label).toBe("좋아하는 바디감");

    // Saving unchanged questions makes no version.
    expect(updateTemplate({ db, id: t.id, input: { title: "취향 카드", slug: "taste", questions: v2.questions } }).version.version).toBe(2);
  });

  it("refuses a taken address and a bad question list, writing nothing", () => {
    createTemplate({ db, input: { title: "A", slug: "same", questions } });
    expect(() => createTemplate({ db, input: { title: "B", slug: "same", questions } })).toThrow("이미 쓰이는 주소예요.");
    expect(() => createTemplate({ db, input: { title: "C", questions: [] } })).toThrow("질문을 하나 이상 넣어 주세요.");
  });

  it("seeds the bakery demo templates once", () => {
    expect(seedConsultationTemplates({ db }).created).toEqual(["bread-taste", "allergy", "cake-order"]);
    expect(seedConsultationTemplates({ db }).created).toEqual([]);
    expect(getActiveTemplateBySlug({ db, slug: "bread-taste" })?.questions).toEqual(BREAD_TASTE_QUESTIONS);
  });
});

describe("submissions", () => {
  it("marks bad answers by field and writes nothing; a token identifies the customer without a phone", () => {
    const t = createTemplate({ db, input: { title: "취향", slug: "taste", questions } });
    try {
      submitConsultation({
        db,
        slug: "taste",
        input: { templateVersionId: t.version.id, name: "", phone: "12", consent: false, rawAnswers: { body: "중간" } },
      });
      expect.unreachable();
    } catch (e) {
      expect(translateError(e as AppError, "ko").fields).toEqual({
        "q.body": "보기 중에서 골라 주세요.",
        "q.acidity": "하나 골라 주세요.",
        phone: "휴대전화 번호를 확인해 주세요. 예: 010-1234-5678",
        name: "이름을 적어 주세요.",
        consent: "상담 정보 수집·이용에 동의해야 제출할 수 있어요.",
      });
    }
    expect(listSubmissions({ db, customerId: 1 })).toEqual([]);

    const first = submitConsultation({
      db,
      slug: "taste",
      input: {
        templateVersionId: t.version.id,
        name: "김단골",
        phone: "010-1111-2222",
        consent: true,
        rawAnswers: { body: "가벼운", acidity: "2" },
      },
      now: 1000,
    });
    expect(first.token).toBeTruthy();
    // Someone typing the same phone again gets no private link.
    const byPhone = submitConsultation({
      db,
      slug: "taste",
      input: {
        templateVersionId: t.version.id,
        name: "김단골",
        phone: "01011112222",
        consent: true,
        rawAnswers: { body: "가벼운", acidity: "3" },
      },
      now: 2000,
    });
    expect(byPhone.customerId).toBe(first.customerId);
    expect(byPhone.token).toBeNull();
    const byToken = submitConsultation({
      db,
      slug: "taste",
      input: { templateVersionId: t.version.id, token: first.token, consent: true, rawAnswers: { body: "묵직한", acidity: "3" } },
      now: 3000,
    });
    expect(byToken.customerId).toBe(first.customerId);

    expect(lastAnswersFor({ db, customerId: first.customerId, templateId: t.id })?.answers).toEqual({ body: "묵직한", acidity: 3 });
    const [latest] = latestAnswersByTemplate({ db, customerId: first.customerId });
    expect(latest.changes.map((c) => [c.questionId, c.before, c.after])).toEqual([["body", "가벼운", "묵직한"]]);
    expect(latest.consentTextId).toBeTypeOf("number");
    void shopSettings;
  });
});
