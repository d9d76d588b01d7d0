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
      throw new AppError(
        "conflict",
        { message: "cli_server_running", params: { pid: server.pid, port: server.port ?? "-", marker: serverMarkerPath(ctx.dbPath) } },
      );
    }
    // Our own connection must not keep the old file (and its WAL) open across the swap.
    closeDb();
    const result = restoreDatabase({ from, target: ctx.dbPath });
    const db = ctx.db(); // reopens the restored file and applies any newer migrations
    const count = (table: string) => (db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    ctx.out(`복원했어요: ${from} → ${ctx.dbPath} (${formatBytes(result.bytes)})`);
    ctx.out(`상품 ${count("products")}개, 주문 ${count("orders")}건, 고객 ${count("customers")}명, 계정 ${count("users")}개`);
    if (server) ctx.out(`주의: 서버(pid ${server.pid})가 켜져 있었다면 지금 다시 시작해야 복원된 데이터를 읽어요.`);
  },
};
export default command;
