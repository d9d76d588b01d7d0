/**
 * How tests start a TypeScript child process (the CLI, race workers): with the `server-only`
 * hook, as `npm run cli` does, so the database modules' guard is empty there.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

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

/**
 * A worker thread running a TypeScript file, with the hook. (Node 20 does not apply `--import`
 * loaders from a worker's `execArgv` to its entry: the thread registers tsx itself.)
 */
export function tsWorker(file: URL, options: WorkerOptions): Worker {
  const source = `
    import(${JSON.stringify(pathToFileURL(SERVER_ONLY_HOOK).href)})
      .then(() => import("tsx/esm/api"))
      .then((tsx) => tsx.register())
      .then(() => import(${JSON.stringify(file.href)}));
  `;
  return new Worker(source, { ...options, eval: true });
}
