import type { CliCommand } from "./types";

const command: CliCommand = {
  name: "payments-sweep",
  summary: "결제 시간이 지난 선결제 주문을 정리하고, 돌려줄 환불을 결제 대행사로 보내요.",
  usage: "",
  async run(_args, ctx) {
    const { sweepPayments } = await import("@/lib/prepayment/prepay");
    const run = await sweepPayments({ db: ctx.db() });
    ctx.out(`결제 시간 지남 ${run.expired}건 · 늦게 확인된 결제 ${run.recovered}건 · 환불 ${run.refunded}건`);
  },
};
export default command;
