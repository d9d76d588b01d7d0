/** Consultation forms and the visits after them, through `submitConsultation` and `addVisit`. */
import { SCALE_MAX, SCALE_MIN, type Question } from "@/lib/consultations/questions";
import { submitConsultation } from "@/lib/consultations/submissions";
import { getActiveTemplateBySlug } from "@/lib/consultations/templates";
import { addVisit } from "@/lib/consultations/visits";
import { addDays } from "@/lib/shop/time";
import { listCountableProducts } from "@/lib/stock/counts";
import { HISTORY_DAYS, type ActivityContext, type Rng } from "./common";

/** Free-text answers by question id (the shipped templates' ids), never anything personal. */
const FREE_TEXT: Record<string, string[]> = {
  notes: [
    "캄파뉴가 겉은 바삭하고 속은 촉촉해서 좋았어요.",
    "아침에 먹는 우유식빵이 부드러워서 자주 사요.",
    "소금빵처럼 짭짤한 빵을 좋아해요.",
  ],
  allergy_detail: ["견과류는 조금만 들어가도 안 돼요.", "우유는 익힌 것도 피하고 있어요."],
  lettering: ["생일 축하해", "늘 고마워요", "결혼 10주년"],
  requests: ["딸기를 넉넉히 올려 주세요.", "너무 달지 않게 부탁드려요.", "상자에 리본을 달아 주세요."],
};
const ANY_TEXT = ["다음에 와서 이야기할게요.", "특별히 없어요."];

/**
 * Raw answers a customer could have typed into the form, for whatever questions the
 * template version has; `submitConsultation` validates them exactly as it does a real post.
 */
function sampleAnswers(rng: Rng, questions: Question[], submittedOn: string): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const q of questions) {
    if (!q.required && rng.chance(0.25)) continue;
    const choices = q.choices ?? [];
    switch (q.type) {
      case "single":
        raw[q.id] = rng.pick(choices);
        break;
      case "multi": {
        const picked = choices.filter(() => rng.chance(0.35));
        raw[q.id] = picked.length ? picked : [rng.pick(choices)];
        break;
      }
      case "scale":
        raw[q.id] = rng.int(SCALE_MIN, SCALE_MAX);
        break;
      case "yesno":
        raw[q.id] = rng.chance(0.35) ? "yes" : "no";
        break;
      case "date":
        // The demo's only date question is the day a cake is wanted: after the form.
        raw[q.id] = addDays(submittedOn, rng.int(3, 21));
        break;
      case "short":
      case "long":
        raw[q.id] = rng.pick(FREE_TEXT[q.id] ?? ANY_TEXT);
        break;
    }
  }
  return raw;
}

type VisitSeed = { done: string[]; productsUsed: string[]; notes: string[]; advice: string[]; recommendNote: string[] };
const VISIT_NOTES: Record<string, VisitSeed> = {
  "bread-taste": {
    done: ["취향 카드 보며 새로 나온 빵 시식", "지난번 빵 후기 듣고 비슷한 빵 소개", "선물용 구움과자 구성 상담"],
    productsUsed: ["캄파뉴, 무화과 깜빠뉴", "소금빵, 버터 크루아상", "휘낭시에, 마들렌"],
    notes: ["담백한 식사빵을 좋아하심. 단 빵은 가끔.", "겉이 바삭한 빵 선호, 주말 아침용으로 사 가심.", "선물용은 개별 포장을 원하심."],
    advice: ["식사빵은 잘라서 냉동했다가 데워 드시면 좋아요.", "크루아상은 오븐에 3분 데우면 처음처럼 바삭해요.", ""],
    recommendNote: ["아침에 곁들이기 좋아요", "취향에 맞으실 거예요"],
  },
  allergy: {
    done: ["알레르기 확인표 함께 확인", "견과류 없는 빵 목록 안내"],
    productsUsed: ["우유식빵, 바게트", "소금빵"],
    notes: ["견과류 알레르기. 호두 들어간 빵은 권하지 않기.", "우유 피하심. 바게트·캄파뉴 위주로 안내."],
    advice: ["견과류를 쓰는 날은 같은 오븐을 써서, 민감하시면 미리 물어봐 주세요.", ""],
    recommendNote: ["견과류가 들어가지 않아요", "우유 없이 만들어요"],
  },
  "cake-order": {
    done: ["케이크 디자인과 문구 확인", "케이크 크기·맛 상담"],
    productsUsed: ["생크림 딸기 케이크", "초콜릿 케이크 시식"],
    notes: ["생일 케이크, 문구 초콜릿 판에. 초 숫자 확인함.", "덜 달게 요청. 딸기 넉넉히."],
    advice: ["케이크는 받으신 뒤 바로 냉장고에 넣어 주세요.", ""],
    recommendNote: ["케이크와 함께 드시기 좋아요", "선물용으로 추천드려요"],
  },
};
const GENERIC_VISIT: VisitSeed = {
  done: ["상담표 내용 함께 확인"],
  productsUsed: [""],
  notes: ["상담표 답변 그대로 확인함."],
  advice: [""],
  recommendNote: ["추천드려요"],
};

/**
 * Consultation forms from customers (through their private link), and the visits that
 * followed: most within a few weeks, some much later, some never — so consult→visit has a
 * real rate, and a few too recent to judge.
 */
export function seedConsultations({ db, rng, now, today, at, customerBefore, userId }: ActivityContext): void {
  const templates = ["bread-taste", "allergy", "cake-order"].flatMap((slug) => getActiveTemplateBySlug({ db, slug }) ?? []);
  if (!templates.length) return;
  const recommendable = listCountableProducts({ db });
  for (let n = 0; n < 24; n++) {
    const template = rng.chance(0.6) ? templates[0] : rng.pick(templates);
    const date = addDays(today, -rng.int(2, HISTORY_DAYS - 5));
    const submittedAt = at(date, rng.int(10 * 60, 21 * 60));
    const who = customerBefore(submittedAt);
    if (!who) continue;
    submitConsultation({
      db,
      slug: template.slug,
      input: {
        templateVersionId: template.version.id,
        token: who.token,
        consent: true,
        rawAnswers: sampleAnswers(rng, template.questions, date),
      },
      now: submittedAt,
    });

    const roll = rng.next();
    if (roll >= 0.88 || userId === null) continue;
    const visitDate = addDays(date, roll < 0.76 ? rng.int(1, 21) : rng.int(35, 55));
    const visitedAt = at(visitDate, rng.int(11 * 60, 19 * 60));
    if (visitedAt >= now) continue;
    const notes = VISIT_NOTES[template.slug] ?? GENERIC_VISIT;
    const recommendations = rng.chance(0.4)
      ? [...new Set([rng.pick(recommendable), rng.pick(recommendable)])].map((p) => ({
          productId: p.id,
          quantity: rng.int(1, 2),
          note: rng.pick(notes.recommendNote),
        }))
      : [];
    addVisit({
      db,
      customerId: who.id,
      userId,
      input: {
        done: rng.pick(notes.done),
        productsUsed: rng.pick(notes.productsUsed),
        notes: rng.pick(notes.notes),
        advice: rng.pick(notes.advice),
        shared: rng.chance(0.7),
        recommendations,
      },
      now: visitedAt,
    });
  }
}
