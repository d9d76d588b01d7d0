import type { CliCommand } from "./types";

const command: CliCommand = {
  name: "rebuild-metrics",
  summary:
    "지표가 읽는 손님별 구매 순서(customer_purchases), 날짜별 합계(purchase_days), 픽업일별 사전주문 결과(preorder_outcome_days)와 그 요약표(purchase_rate_days, revisit_week_days, repurchase_gap_days, pickup_lead_days)를 주문·판매·반품에서 모두 다시 계산해요 (직접 고친 데이터나 시간대 변경 뒤에; 평소에는 저장할 때마다 맞춰져요).",
  usage: "",
  async run(_args, ctx) {
    const { rebuildPurchaseSequence } = await import("@/lib/purchases/sequence");
    const t0 = performance.now();
    const { rows, days } = rebuildPurchaseSequence({ db: ctx.db() });
    ctx.out(`구매 ${rows}건의 순서와 ${days}개의 날짜별 합계를 다시 계산했어요 (${((performance.now() - t0) / 1000).toFixed(1)}초).`);
  },
};
export default command;
