/**
 * How tests start a TypeScript child process (the CLI, race workers): with the
 * `react-server` condition, as `npm run cli` does, so database modules' `server-only` guard
 * is empty there.
 */
import path from "node:path";

const TSX = path.resolve("node_modules/tsx/dist/cli.mjs");

/** `node` arguments that run a TypeScript file in this process's Node. */
export function tsFileArgs(file: string, ...args: string[]): string[] {
  return ["--conditions=react-server", "--import", "tsx", file, ...args];
}

/** `node` arguments that run the admin CLI. */
export function cliArgs(...args: string[]): string[] {
  return [TSX, "--conditions=react-server", "scripts/cli.ts", ...args];
}
