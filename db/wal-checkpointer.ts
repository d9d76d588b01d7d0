/**
 * WAL checkpoints off the request path. In WAL mode a commit only appends to `<db>-wal`; the
 * pages reach the database file at a checkpoint, which also syncs both files to disk. SQLite
 * runs one inside whichever commit finds the WAL past 1000 pages: on the server that is an
 * order request, and the event loop (every other request) waits for the disk. While the
 * server runs, a thread with its own connection checkpoints every second instead (PASSIVE:
 * it never blocks a writer), and the server's connection checkpoints itself only past
 * SERVER_WAL_AUTOCHECKPOINT pages, the safety net if the thread falls behind or stops.
 * Durability is unchanged (`synchronous = NORMAL`: a commit is durable once checkpointed or
 * flushed by the system; a crash never corrupts the file).
 * `WAL_CHECKPOINT_THREAD=off` leaves checkpoints to the commits, as SQLite does by default.
 */
import "server-only";
import { Worker } from "node:worker_threads";
import { databasePath } from "@/lib/config/paths";
import { onDatabaseReplaced, setWalAutocheckpoint } from "./client";

/** SQLite's own threshold, kept whenever the thread is not running. */
export const DEFAULT_WAL_AUTOCHECKPOINT = 1000;
/** The server connection's threshold while the thread checkpoints (pages of 4 KiB: 40 MiB). */
export const SERVER_WAL_AUTOCHECKPOINT = 10_000;

// Plain CommonJS evaluated in the thread (nothing bundled: better-sqlite3 is loaded from
// node_modules like the server's own). A replaced file (`restore --force`) or a checkpoint
// failing again and again stops it: the thread then stays alive doing nothing, so its old
// connection is never closed (closing the last one would delete the new file's -wal by name).
// A new thread starts on the new file once the server's connection has reopened it.
const THREAD_SOURCE = `
const fs = require("node:fs");
const { parentPort, workerData } = require("node:worker_threads");
const Database = require("better-sqlite3");
const { file, everyMs } = workerData;
const identity = () => { const s = fs.statSync(file); return s.dev + ":" + s.ino; };
const opened = identity();
const db = new Database(file, { fileMustExist: true });
let failures = 0;
const stop = (why) => {
  clearInterval(timer);
  parentPort.on("message", () => {});
  parentPort.postMessage({ stopped: why });
};
const timer = setInterval(() => {
  let same = false;
  try { same = identity() === opened; } catch {}
  if (!same) return stop("database file replaced");
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
    failures = 0;
  } catch (e) {
    parentPort.postMessage({ error: String(e && e.message) });
    if (++failures >= 10) stop("ten checkpoints in a row failed");
  }
}, everyMs);
parentPort.postMessage({ started: true });
`;

/** The threshold for the server's other connections (the order placement thread's): the server's own while the thread runs. */
export function serverWalAutocheckpoint(): number {
  return process.env.WAL_CHECKPOINT_THREAD === "off" ? DEFAULT_WAL_AUTOCHECKPOINT : SERVER_WAL_AUTOCHECKPOINT;
}

const state = globalThis as unknown as { dangolWalCheckpointer?: Worker };

/** Start the checkpoint thread for the server's database (once per process). */
export function startWalCheckpointer({ file = databasePath(), everyMs = 1000 }: { file?: string; everyMs?: number } = {}): Worker | null {
  if (state.dangolWalCheckpointer || process.env.WAL_CHECKPOINT_THREAD === "off") return state.dangolWalCheckpointer ?? null;
  const worker = new Worker(THREAD_SOURCE, { eval: true, workerData: { file, everyMs } });
  state.dangolWalCheckpointer = worker;
  const stop = (why: string) => {
    // Commits checkpoint by themselves again.
    setWalAutocheckpoint(DEFAULT_WAL_AUTOCHECKPOINT);
    if (state.dangolWalCheckpointer === worker) state.dangolWalCheckpointer = undefined;
    console.error(`wal checkpointer: ${why}`);
  };
  worker.on("message", (m: { started?: boolean; stopped?: string; error?: string }) => {
    if (state.dangolWalCheckpointer !== worker) return;
    if (m.started) setWalAutocheckpoint(SERVER_WAL_AUTOCHECKPOINT);
    else if (m.stopped) stop(m.stopped);
    else if (m.error) console.error(`wal checkpointer: ${m.error}`);
  });
  worker.on("error", (e) => {
    if (state.dangolWalCheckpointer === worker) stop(e.message);
  });
  worker.on("exit", (code) => {
    if (state.dangolWalCheckpointer === worker) stop(`exited (${code})`);
  });
  worker.unref();
  // After a restore: the old thread (if it has not noticed yet) is left to stop by itself, and
  // what it says is no longer heard; a new one checkpoints the new file.
  onDatabaseReplaced(() => {
    state.dangolWalCheckpointer = undefined;
    startWalCheckpointer({ file, everyMs });
  });
  return worker;
}

/** Stop the thread (tests); commits checkpoint by themselves again. */
export async function stopWalCheckpointer(): Promise<void> {
  onDatabaseReplaced(undefined);
  const worker = state.dangolWalCheckpointer;
  if (!worker) return;
  state.dangolWalCheckpointer = undefined;
  setWalAutocheckpoint(DEFAULT_WAL_AUTOCHECKPOINT);
  await worker.terminate();
}
