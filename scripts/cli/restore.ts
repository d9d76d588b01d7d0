import { closeDb } from "@/db/client";
import { restoreDatabase } from "@/lib/ops/backup";
import { runningServer, serverMarkerPath } from "@/lib/ops/server-lock";
import { AppError } from "@/lib/errors";
import { formatBytes, requiredString, userPath, type CliCommand } from "./types";

const command: CliCommand = {
  name: "restore",
  summary: "백업 파일로 데이터베이스를 되돌려요. 서버가 켜져 있으면 거절해요.",
  usage: "--from FILE [--force]",
  options: { from: { type: "string" }, force: { type: "boolean" } },
  run(args, ctx) {
    const from = userPath(requiredString(args, "from"));
    const force = args.values.force === true;
    const server = runningServer(ctx.dbPath);
    if (server && !force) {
      throw new AppError("conflict", {
        message: "cli_server_running",
        params: { pid: server.pid, port: server.port ?? "-", marker: serverMarkerPath(ctx.dbPath) },
      });
    }
    // Our own connection must not keep the old file (and its WAL) open across the swap.
    closeDb();
    const result = restoreDatabase({ from, target: ctx.dbPath });
    const db = ctx.db(); // reopens the restored file and applies any newer migrations
    const count = (table: string) => (db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    ctx.out(`복원했어요: ${from} → ${ctx.dbPath} (${formatBytes(result.bytes)})`);
    ctx.out(`상품 ${count("products")}개, 주문 ${count("orders")}건, 고객 ${count("customers")}명, 계정 ${count("users")}개`);
    if (server)
      ctx.out(
        `서버(pid ${server.pid})는 다음 요청부터 복원된 파일을 읽어요. 복원 중에 들어온 저장 요청은 저장되지 않았다고 답했어요 (503).`,
      );
  },
};
export default command;
