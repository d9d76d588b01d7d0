/**
 * Two ready-made templates for the demo data, from the cases in the product essays: a
 * beauty shop's skin/scalp check (so a customer never explains her skin twice) and a
 * roastery's taste profile (recorded so the next recommendation fits).
 */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { consultationTemplates } from "@/db/schema";
import type { Question } from "./questions";
import { createTemplate } from "./templates";

export const SKIN_SCALP_QUESTIONS: Question[] = [
  { id: "skin_type", type: "single", label: "피부 타입이 어떻게 되세요?", required: true, choices: ["건성", "지성", "복합성", "중성", "잘 모르겠어요"] },
  { id: "skin_concerns", type: "multi", label: "요즘 신경 쓰이는 피부 고민을 모두 골라 주세요.", required: false, choices: ["건조함", "번들거림", "트러블", "홍조", "각질", "주름·탄력"] },
  { id: "sensitive", type: "yesno", label: "화장품에 예민하게 반응한 적이 있나요?", required: true },
  { id: "sensitive_detail", type: "short", label: "어떤 제품이나 성분에 반응했는지 알려 주세요.", help: "예: 알코올, 향료, 레티놀", required: false, showIf: { questionId: "sensitive", equals: "yes" } },
  { id: "scalp_state", type: "single", label: "두피 상태는 어떤가요?", required: true, choices: ["건조하고 각질이 있어요", "기름지고 가려워요", "예민하고 붉어요", "괜찮아요"] },
  { id: "hair_loss", type: "scale", label: "머리카락 빠짐이 얼마나 신경 쓰이세요? (1 전혀 · 5 매우)", required: true },
  { id: "last_treatment", type: "date", label: "마지막으로 펌·염색을 한 날짜", help: "기억나는 대로 적어 주세요.", required: false },
  { id: "wish", type: "long", label: "이번 방문에서 가장 바라는 것", required: false },
];

export const TASTE_PROFILE_QUESTIONS: Question[] = [
  { id: "acidity", type: "scale", label: "산미를 얼마나 좋아하세요? (1 싫어요 · 5 아주 좋아요)", required: true },
  { id: "body", type: "single", label: "좋아하는 바디감", required: true, choices: ["가벼운", "중간", "묵직한"] },
  { id: "brew_method", type: "multi", label: "집에서 어떻게 내려 드세요?", required: true, choices: ["핸드드립", "에스프레소 머신", "모카포트", "프렌치프레스", "콜드브루", "캡슐"] },
  { id: "grind", type: "single", label: "원두를 갈아 드릴까요?", required: true, choices: ["홀빈 그대로", "핸드드립용", "에스프레소용", "프렌치프레스용"] },
  { id: "origins", type: "multi", label: "좋아했던 산지를 골라 주세요.", required: false, choices: ["에티오피아", "케냐", "콜롬비아", "과테말라", "브라질", "인도네시아"] },
  { id: "milk", type: "yesno", label: "우유를 넣어 드시나요?", required: false },
  { id: "notes", type: "long", label: "최근 맛있게 마신 커피와 그 이유", required: false },
];

/** Adds both templates unless their addresses are already taken (safe to run twice). */
export function seedConsultationTemplates({ db, now = Date.now() }: { db: Db; now?: number }): { created: string[] } {
  const created: string[] = [];
  const seeds = [
    { slug: "skin-scalp", title: "피부·두피 상담표", description: "방문 전에 피부와 두피 상태를 알려 주시면, 매번 처음부터 설명하지 않으셔도 돼요.", questions: SKIN_SCALP_QUESTIONS },
    { slug: "taste-profile", title: "커피 취향 카드", description: "좋아하는 맛을 적어 주시면 다음 원두를 골라 드릴게요.", questions: TASTE_PROFILE_QUESTIONS },
  ];
  for (const seed of seeds) {
    if (db.select({ id: consultationTemplates.id }).from(consultationTemplates).where(eq(consultationTemplates.slug, seed.slug)).get()) continue;
    createTemplate({ db, input: seed, now });
    created.push(seed.slug);
  }
  return { created };
}
