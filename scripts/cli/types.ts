/**
 * The contract of an admin CLI command: one module per command under scripts/cli/, listed
 * once in ./registry.ts. Arguments are parsed with node's `util.parseArgs` (strict), so an
 * unknown or malformed flag is a usage error before `run` is called.
 */
import path from "node:path";
import type { ParseArgsConfig } from "node:util";
import type { Db } from "@/db/client";

export type CliContext = {
  /** The database file the server uses (DATABASE_PATH or data/dangol.db). */
  dbPath: string;
  /** The database, opened and migrated on first use. */
  db(): Db;
  /** Print one line of what the command did. */
  out(line: string): void;
};

export type CliArgs = { values: Record<string, string | boolean | undefined>; positionals: string[] };

export type CliCommand = {
  name: string;
  /** One Korean line for `help`. */
  summary: string;
  /** Arguments after the command name, e.g. `--to FILE`. */
  usage: string;
  options?: NonNullable<ParseArgsConfig["options"]>;
  /** How many positional arguments the command takes (default none). */
  positionals?: { min: number; max: number };
  run(args: CliArgs, ctx: CliContext): void | Promise<void>;
};

/** Bad arguments: printed with the command's usage line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** A string flag the command cannot do without. */
export function requiredString(args: CliArgs, name: string): string {
  const value = args.values[name];
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${name} 값을 적어 주세요.`);
  return value;
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${flag} 값은 ${allowed.join(" 또는 ")} 중 하나여야 해요 (받은 값: ${value}).`);
  return value as T;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A file named on the command line, relative to where the operator typed it: `npm run`
 * moves into the project folder but keeps the caller's folder in INIT_CWD.
 */
export function userPath(file: string): string {
  return path.resolve(process.env.INIT_CWD || process.cwd(), file);
}
