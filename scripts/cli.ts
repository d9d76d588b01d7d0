/**
 * `npm run cli -- <command> [options]`: the operator's tools, on the same database as the
 * server (DATABASE_PATH or data/dangol.db), which may be running. Exit codes: 0 done,
 * 1 the command failed (a rule said no, a file is missing), 2 bad arguments.
 */
import { parseArgs } from "node:util";
import { describeSqliteError, getDb, type Db } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { databasePath } from "@/lib/config/paths";
import { isAppError, translateError } from "@/lib/errors";
import { cliLocale } from "@/i18n/messages";
import { COMMANDS } from "./cli/registry";
import { UsageError, type CliCommand, type CliContext } from "./cli/types";

const PREFIX = "npm run cli --";

function usageLine(command: CliCommand): string {
  return `사용법: ${PREFIX} ${command.name}${command.usage ? ` ${command.usage}` : ""}`;
}

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 4);
  return [
    `단골 관리 도구 — 사용법: ${PREFIX} <명령> [옵션]`,
    `데이터베이스: ${databasePath()} (DATABASE_PATH로 바꿀 수 있어요)`,
    "",
    ...COMMANDS.map(
      (c) => `  ${c.name.padEnd(width)}  ${c.summary}\n  ${"".padEnd(width)}  ${PREFIX} ${c.name}${c.usage ? ` ${c.usage}` : ""}`,
    ),
    `  ${"help".padEnd(width)}  이 안내를 보여 줘요.`,
  ].join("\n");
}

function context(): CliContext {
  let db: Db | undefined;
  return {
    dbPath: databasePath(),
    db() {
      if (!db) {
        db = getDb();
        runMigrations(db);
      }
      // A restore closes the cached connection; the next call must open the new file.
      if (!db.$client.open) {
        db = getDb();
        runMigrations(db);
      }
      return db;
    },
    out: (line) => console.log(line),
  };
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    console.log(helpText());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`오류: 알 수 없는 명령이에요: ${name}\n\n${helpText()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(`${command.summary}\n${usageLine(command)}`);
    return 0;
  }
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: command.options ?? {}, strict: true, allowPositionals: true });
    } catch (e) {
      throw new UsageError(parseErrorMessage(e));
    }
    const { min, max } = command.positionals ?? { min: 0, max: 0 };
    if (parsed.positionals.length < min) throw new UsageError("필요한 인자가 빠졌어요.");
    if (parsed.positionals.length > max) throw new UsageError(`알 수 없는 인자예요: ${parsed.positionals.slice(max).join(" ")}`);
    await command.run(
      { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals },
      context(),
    );
    return 0;
  } catch (caught) {
    // SQLite's bare codes (a damaged or read-only file) said in words, with the file's path.
    const e = describeSqliteError(databasePath(), caught) ?? caught;
    if (e instanceof UsageError) {
      console.error(`오류: ${e.message}\n${usageLine(command)}`);
      return 2;
    }
    if (isAppError(e)) {
      const { message, fields: byField } = translateError(e, cliLocale());
      const fields = Object.values(byField ?? {}).filter((f) => f !== message);
      // The operator runs the CLI: a database error also says which file and what to do (`cause`).
      const cause = e.code === "database_unavailable" && typeof e.cause === "string" ? `\n${e.cause}` : "";
      console.error(`오류: ${message}${fields.length ? `\n  - ${[...new Set(fields)].join("\n  - ")}` : ""}${cause}`);
      return 1;
    }
    console.error(`오류: ${(e as Error)?.message ?? String(e)}`);
    return 1;
  }
}

/** node's parseArgs errors are English; say the same thing in Korean. */
function parseErrorMessage(e: unknown): string {
  const err = e as { code?: string; message?: string };
  const flag = /'(-[^']*)'/.exec(err.message ?? "")?.[1] ?? "";
  switch (err.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `알 수 없는 옵션이에요: ${flag || err.message}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return `${flag.split(" ")[0] || "옵션"}에 값을 적어 주세요.`;
    default:
      return err.message ?? "인자를 읽지 못했어요.";
  }
}

process.exitCode = await main(process.argv.slice(2));
