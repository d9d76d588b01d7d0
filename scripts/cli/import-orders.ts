/**
 * `npm run cli -- import-orders FILE.csv`: the same import as the API and the upload page.
 * Prints one line per bad or skipped row and a summary; fails (exit 1) when any row had an error.
 */
import fs from "node:fs";
import { getDb } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { AppError, isAppError, translateError } from "@/lib/errors";
import { cliLocale } from "@/i18n/messages";
import { importOrdersCsv } from "@/lib/import/import-orders";
import { UsageError, type CliCommand } from "./types";

async function importFile(file: string, out: (line: string) => void, db: ReturnType<typeof getDb>): Promise<void> {
  let csv: string;
  try {
    csv = fs.readFileSync(file, "utf8");
  } catch {
    throw new AppError("not_found", { message: "file_unreadable", params: { file } });
  }
  const report = await importOrdersCsv({ db, csv, locale: cliLocale() });
  for (const r of report.results) {
    if (r.result !== "imported")
      out(`${r.line}행 ${r.external_id || "(external_id 없음)"}: ${r.result === "skipped" ? "건너뜀" : "오류"} — ${r.messages.join(" ")}`);
  }
  out(`가져옴 ${report.imported}행, 건너뜀 ${report.skipped}행, 오류 ${report.errors}행 (전체 ${report.rows}행)`);
  if (report.errors > 0) throw new AppError("validation", { message: "cli_import_rows_failed", params: { count: report.errors } });
}

const command: CliCommand = {
  name: "import-orders",
  summary: "지난 주문·판매 CSV를 가져와요 (external_id가 같은 행은 건너뛰어요).",
  usage: "FILE.csv",
  positionals: { min: 1, max: 1 },
  async run(args, ctx) {
    await importFile(args.positionals[0], ctx.out, ctx.db());
  },
};
export default command;

/** Stand-alone form (exit code), for callers outside the registry. */
export async function importOrdersCommand(args: string[]): Promise<number> {
  const file = args.find((a) => !a.startsWith("--"));
  if (!file) {
    console.error(new UsageError("사용법: npm run cli -- import-orders FILE.csv").message);
    return 2;
  }
  try {
    const db = getDb();
    runMigrations(db);
    await importFile(file, (l) => console.log(l), db);
    return 0;
  } catch (e) {
    console.error(`오류: ${isAppError(e) ? translateError(e, cliLocale()).message : (e as Error).message}`);
    return 1;
  }
}
