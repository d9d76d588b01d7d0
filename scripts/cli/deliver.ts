import type { CliCommand } from "./types";

const command: CliCommand = {
  name: "deliver",
  summary: "보낼 때가 된 메시지와 웹훅을 한 번 보내요 (예약 메시지도 함께 챙겨요).",
  usage: "",
  async run(_args, ctx) {
    // Loaded here, not at start-up: the other commands need none of the delivery adapters.
    const { enqueueScheduledMessages } = await import("@/lib/messages/scheduler");
    const { deliverDue } = await import("@/lib/messages/worker");
    const db = ctx.db();
    const scheduled = enqueueScheduledMessages({ db });
    const run = await deliverDue({ db });
    ctx.out(`예약 메시지 ${scheduled}건을 대기열에 넣었어요.`);
    ctx.out(`보냄 ${run.delivered}건 · 다시 시도 예정 ${run.retrying}건 · 실패 ${run.failed}건 · 취소/보류 ${run.other}건`);
  },
};
export default command;
