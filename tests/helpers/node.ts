/**
 * How tests start a TypeScript child process (the CLI, race workers): with the `server-only`
 * hook, as `npm run cli` does, so the database modules' guard is empty there.
 */
import path from "node:path";

const TSX = path.resolve("node_modules/tsx/dist/cli.mjs");
const SERVER_ONLY_HOOK = path.resolve("scripts/node/server-only.mjs");

/** `node` arguments that run a TypeScript file in this process's Node. */
export function tsFileArgs(file: string, ...args: string[]): string[] {
  return ["--import", SERVER_ONLY_HOOK, "--import", "tsx", file, ...args];
}

/** `node` arguments that run the admin CLI. */
export function cliArgs(...args: string[]): string[] {
  return [TSX, "--import", SERVER_ONLY_HOOK, "scripts/cli.ts", ...args];
}
