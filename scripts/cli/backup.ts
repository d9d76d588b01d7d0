import { backupDatabase } from "@/lib/ops/backup";
import { formatBytes, requiredString, userPath, type CliCommand } from "./types";

const command: CliCommand = {
  name: "backup",
  summary: "서버가 돌고 있어도 안전하게 데이터베이스를 파일로 복사해요.",
  usage: "--to FILE [--force]",
  options: { to: { type: "string" }, force: { type: "boolean" } },
  run(args, ctx) {
    const to = userPath(requiredString(args, "to"));
    const started = Date.now();
    const result = backupDatabase({ source: ctx.dbPath, to, overwrite: args.values.force === true });
    ctx.out(`백업했어요: ${ctx.dbPath} → ${result.file}`);
    ctx.out(`크기 ${formatBytes(result.bytes)}, 테이블 ${result.check.tables}개, 무결성 검사 통과 (${Date.now() - started}ms)`);
  },
};
export default command;
