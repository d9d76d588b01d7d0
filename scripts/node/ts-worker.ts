/**
 * A worker thread running a TypeScript file with the `server-only` hook, for the tests and the
 * benches that start the order placement thread outside the production build. (Node 20 does not
 * apply `--import` loaders from a worker's `execArgv` to its entry: the thread registers tsx itself.)
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

const SERVER_ONLY_HOOK = path.resolve(import.meta.dirname, "server-only.mjs");

export function tsWorker(file: URL, options: WorkerOptions): Worker {
  const source = `
    import(${JSON.stringify(pathToFileURL(SERVER_ONLY_HOOK).href)})
      .then(() => import("tsx/esm/api"))
      .then((tsx) => tsx.register())
      .then(() => import(${JSON.stringify(file.href)}));
  `;
  return new Worker(source, { ...options, eval: true });
}
