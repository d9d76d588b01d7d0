/** Reviews of picked-up orders, through `submitReview`. */
import { eq } from "drizzle-orm";
import { orders } from "@/db/schema";
import { submitReview } from "@/lib/reviews/reviews";
import { MINUTE, type ActivityContext } from "./common";

const REVIEW_COMMENTS: Record<number, string[]> = {
  5: [
    "소금빵은 역시 여기가 최고예요. 따뜻할 때 받아서 더 좋았어요.",
    "미리 예약해 두니 줄 서지 않고 바로 받아 갔어요!",
    "크루아상 결이 살아 있어요. 또 주문할게요.",
    "케이크를 선물했는데 다들 맛있다고 했어요.",
    "우유식빵이 정말 촉촉해서 아이가 잘 먹어요.",
    "",
    "",
  ],
  4: [
    "맛있어요. 슬라이스가 조금 두꺼웠지만 만족해요.",
    "픽업이 빨라서 좋아요. 베이글이 쫀득해요.",
    "스콘이 맛있는데 크림이 조금 더 있었으면 좋겠어요.",
    "",
  ],
  3: ["빵은 맛있는데 픽업할 때 조금 기다렸어요.", "바게트가 생각보다 딱딱했어요.", "맛은 좋은데 오늘은 좀 덜 구워진 느낌이었어요."],
  2: ["도착했다고 눌렀는데 한참 기다렸어요.", "선물 포장을 골랐는데 기본 포장으로 나왔어요."],
  1: ["예약한 시간에 갔는데 빵이 준비가 안 돼 있었어요.", "주문한 것과 다른 빵이 들어 있었어요."],
};

/** About a third of picked-up orders get a review within a day or so; long waits get the low ones. */
export function seedReviews({ db, rng, now }: ActivityContext): void {
  const pickedUp = db
    .select({ token: orders.token, arrivedAt: orders.arrivedAt, pickedUpAt: orders.pickedUpAt })
    .from(orders)
    .where(eq(orders.status, "picked_up"))
    .orderBy(orders.id)
    .all();
  for (const order of pickedUp) {
    if (!rng.chance(0.3)) continue;
    const writtenAt = order.pickedUpAt! + rng.int(20, 30 * 60) * MINUTE;
    if (writtenAt >= now) continue;
    const roll = rng.next();
    let rating = roll < 0.55 ? 5 : roll < 0.85 ? 4 : roll < 0.93 ? 3 : roll < 0.97 ? 2 : 1;
    const waited = order.arrivedAt !== null && order.pickedUpAt! - order.arrivedAt > 130_000;
    if (waited && rng.chance(0.3)) rating = rng.pick([2, 3, 3]);
    const comment =
      waited && rating <= 3
        ? rng.pick(["픽업할 때 생각보다 오래 기다렸어요.", "도착했다고 눌렀는데 한참 기다렸어요."])
        : rng.pick(REVIEW_COMMENTS[rating]);
    submitReview({ db, orderToken: order.token, input: { rating, comment }, now: writtenAt });
  }
}
