/** Customer questions (messages to the shop) and the staff's replies, through `createInquiry` and `replyToInquiry`. */
import { createInquiry, replyToInquiry } from "@/lib/inquiries/inquiries";
import { addDays, localDate, zonedTime } from "@/lib/shop/time";
import { HISTORY_DAYS, MINUTE, type ActivityContext } from "./common";

const INQUIRY_TOPICS: [string, string][] = [
  ["내일 케이크 픽업 시간을 한 시간 늦출 수 있을까요?", "네, 가능해요. 원하시는 시간으로 바꿔 두었어요. 주문 페이지에서 확인해 주세요."],
  [
    "소금빵에 들어가는 버터가 무염인가요? 아이가 먹을 거라서요.",
    "가염 버터를 조금 쓰고 겉에 천일염을 뿌려요. 아이 간식이면 우유식빵을 더 추천드려요.",
  ],
  [
    "견과류 알레르기가 있는데 휘낭시에에 아몬드가 들어가나요?",
    "네, 아몬드 가루가 들어가요. 견과류 알레르기가 있으시면 드시지 않는 게 좋아요.",
  ],
  ["선물 포장을 고르면 쇼핑백도 같이 주시나요?", "네, 선물 포장에는 쇼핑백이 함께 나가요."],
  ["크루아상 40개 단체 주문도 가능할까요?", "이틀 전까지 말씀해 주시면 준비할 수 있어요. 날짜를 알려 주시면 확인해 드릴게요."],
  ["가게 앞에 잠깐 차를 세울 수 있나요?", "가게 앞 5분 정차는 괜찮아요. 픽업은 금방 끝나니 편하게 오세요."],
  ["통밀식빵 슬라이스 두께를 조절할 수 있나요?", "주문 메모에 원하시는 두께를 적어 주시면 맞춰 드려요."],
  ["적립한 포인트는 어디서 확인하나요?", "주문 완료 문자에 있는 개인 링크에서 언제든 확인하실 수 있어요."],
  ["예약한 빵을 가족이 대신 찾아가도 되나요?", "네, 픽업 코드만 알려 주시면 누구든 찾아가실 수 있어요."],
  ["월요일에도 문을 여나요?", "월요일은 쉬어요. 화요일 아침 9시에 뵐게요."],
  ["비건 빵도 있나요?", "바게트와 캄파뉴는 우유·버터·달걀 없이 만들어요."],
  ["케이크에 문구를 넣을 수 있을까요?", "네, 주문 메모에 문구를 적어 주시면 초콜릿 판에 써 드려요."],
];

/**
 * Questions through the storefront (from the customer's private link) and the first staff
 * reply: within the hour in opening hours, the next morning for evening questions, and the
 * newest ones still waiting.
 */
export function seedInquiries({ db, rng, now, today, tz, at, customerBefore, userId }: ActivityContext): void {
  const asked: { createdAt: number; topic: [string, string]; token: string; waiting: boolean }[] = [];
  for (let n = 0; n < 30; n++) {
    const date = addDays(today, -rng.int(1, HISTORY_DAYS - 3));
    const minute = rng.int(8 * 60, 22 * 60 + 30);
    const createdAt = at(date, minute) + rng.int(0, 59) * 1000;
    const who = customerBefore(createdAt);
    if (who) asked.push({ createdAt, topic: rng.pick(INQUIRY_TOPICS), token: who.token, waiting: false });
  }
  // One older question slipped through the cracks.
  if (asked.length) rng.pick(asked).waiting = true;
  // The newest questions, still in the owner's inbox.
  for (const minutesAgo of [rng.int(20, 90), rng.int(120, 300)]) {
    const createdAt = now - minutesAgo * MINUTE;
    const who = customerBefore(createdAt);
    if (who) asked.push({ createdAt, topic: rng.pick(INQUIRY_TOPICS), token: who.token, waiting: true });
  }
  asked.sort((a, b) => a.createdAt - b.createdAt);
  for (const q of asked) {
    const { inquiry } = createInquiry({ db, input: { token: q.token, message: q.topic[0] }, now: q.createdAt });
    if (q.waiting || userId === null) continue;
    const date = localDate(q.createdAt, tz);
    const minute = Math.floor((q.createdAt - zonedTime(date, "00:00", tz)) / MINUTE);
    const repliedAt =
      minute >= 9 * 60 && minute < 19 * 60
        ? q.createdAt + (rng.chance(0.8) ? rng.int(4, 70) : rng.int(70, 240)) * MINUTE
        : at(minute >= 19 * 60 ? addDays(date, 1) : date, 9 * 60 + rng.int(0, 60));
    if (repliedAt >= now) continue;
    replyToInquiry({ db, inquiryId: inquiry.id, userId, body: q.topic[1], now: repliedAt });
  }
}
