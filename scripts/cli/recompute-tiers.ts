import type { CliCommand } from "./types";

const command: CliCommand = {
  name: "recompute-tiers",
  summary: "모든 손님의 등급을 지금 기준으로 다시 계산하고, 오늘 생일인 손님에게 등급의 생일 쿠폰을 발급해요 (서버는 매일 스스로 해요).",
  usage: "",
  async run(_args, ctx) {
    const { runNightlyTierRecompute } = await import("@/lib/loyalty/tiers");
    const { tellCouponCode } = await import("@/lib/messages/coupon-messages");
    const result = runNightlyTierRecompute({ db: ctx.db(), tell: tellCouponCode("birthday_coupon") });
    ctx.out(`손님 ${result.customers}명의 등급을 다시 계산했어요 (바뀐 손님 ${result.changed}명, 생일 쿠폰 ${result.birthdayCoupons}장).`);
  },
};
export default command;
