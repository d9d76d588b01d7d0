/**
 * Ready-made templates for the demo bakery: the questions a bakery asks before it can serve a
 * regular well — what bread they like (so the next recommendation fits), allergies and diet
 * (so nobody has to say it twice at the counter), and a custom cake order.
 */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { consultationTemplates } from "@/db/schema";
import type { Question } from "./questions";
import { createTemplate } from "./templates";

export const BREAD_TASTE_QUESTIONS: Question[] = [
  {
    id: "favourites",
    type: "multi",
    label: "즐겨 드시는 빵을 모두 골라 주세요.",
    required: true,
    choices: ["식빵·식사빵", "단과자빵", "크루아상·페이스트리", "바게트·캄파뉴", "케이크", "구움과자", "샌드위치"],
  },
  { id: "sweetness", type: "scale", label: "단맛을 얼마나 좋아하세요? (1 담백하게 · 5 달콤하게)", required: true },
  {
    id: "texture",
    type: "single",
    label: "좋아하는 식감",
    required: true,
    choices: ["부드럽고 촉촉한", "쫄깃한", "겉이 바삭한", "상관없어요"],
  },
  {
    id: "occasions",
    type: "multi",
    label: "주로 언제 드세요?",
    required: false,
    choices: ["아침 식사", "점심 대용", "간식", "선물", "모임·행사"],
  },
  { id: "notes", type: "long", label: "최근 맛있게 드신 빵과 그 이유", required: false },
];

export const ALLERGY_QUESTIONS: Question[] = [
  { id: "has_allergy", type: "yesno", label: "먹으면 안 되는 재료가 있나요?", required: true },
  {
    id: "allergens",
    type: "multi",
    label: "해당하는 재료를 모두 골라 주세요.",
    required: true,
    choices: ["밀·글루텐", "우유", "달걀", "땅콩", "호두·견과류", "대두", "복숭아", "참깨"],
    showIf: { questionId: "has_allergy", equals: "yes" },
  },
  {
    id: "allergy_detail",
    type: "short",
    label: "더 알려 주실 것이 있으면 적어 주세요.",
    help: "예: 같은 공간에서 만든 것도 안 돼요",
    required: false,
    showIf: { questionId: "has_allergy", equals: "yes" },
  },
  {
    id: "diet",
    type: "single",
    label: "지키고 있는 식단이 있나요?",
    required: false,
    choices: ["없어요", "채식(달걀·우유는 괜찮아요)", "비건", "당을 줄이고 있어요", "글루텐을 줄이고 있어요"],
  },
];

export const CAKE_ORDER_QUESTIONS: Question[] = [
  {
    id: "occasion",
    type: "single",
    label: "어떤 날에 쓰실 케이크인가요?",
    required: true,
    choices: ["생일", "기념일", "감사·축하", "기타"],
  },
  { id: "needed_on", type: "date", label: "케이크가 필요한 날", help: "케이크는 이틀 전까지 주문해 주세요.", required: true },
  { id: "size", type: "single", label: "크기", required: true, choices: ["미니 (1~2명)", "1호 (3~4명)", "2호 (5~6명)", "3호 (7~8명)"] },
  { id: "flavour", type: "single", label: "맛", required: true, choices: ["생크림 딸기", "초콜릿", "치즈", "말차", "얼그레이"] },
  { id: "lettering", type: "short", label: "케이크 위에 쓸 문구", help: "20자 안쪽이 예뻐요.", required: false },
  { id: "candles", type: "yesno", label: "초를 넣어 드릴까요?", required: false },
  { id: "requests", type: "long", label: "그 밖에 바라는 점", required: false },
];

/** Adds each template unless its address is already taken (safe to run twice). */
export function seedConsultationTemplates({ db, now = Date.now() }: { db: Db; now?: number }): { created: string[] } {
  const created: string[] = [];
  const seeds = [
    {
      slug: "bread-taste",
      title: "빵 취향 카드",
      description: "좋아하는 빵을 알려 주시면 다음에 어울리는 빵을 골라 드릴게요.",
      questions: BREAD_TASTE_QUESTIONS,
    },
    {
      slug: "allergy",
      title: "알레르기·식단 확인",
      description: "못 드시는 재료를 한 번 적어 두시면 매번 말씀하지 않으셔도 돼요.",
      questions: ALLERGY_QUESTIONS,
    },
    {
      slug: "cake-order",
      title: "케이크 주문 상담",
      description: "원하시는 케이크를 적어 주시면 확인하고 연락드릴게요.",
      questions: CAKE_ORDER_QUESTIONS,
    },
  ];
  for (const seed of seeds) {
    if (db.select({ id: consultationTemplates.id }).from(consultationTemplates).where(eq(consultationTemplates.slug, seed.slug)).get())
      continue;
    createTemplate({ db, input: seed, now });
    created.push(seed.slug);
  }
  return { created };
}
