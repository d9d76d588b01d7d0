/**
 * Writes on the server's main thread go before the order placement thread's next one
 * (lib/orders/placement-thread.ts). SQLite admits one writer at a time, and a writer that finds
 * the lock taken sleeps in SQLite's busy handler (1, 2, 5, 10 … ms): on the main thread that
 * sleep stops every request. While orders pour in, the placement thread's transactions follow
 * each other with gaps of microseconds, and a main-thread write (a message marked sent, a
 * staff tap on the rack) kept missing them: p95 331 ms of a frozen server, measured.
 *
 * So the main thread announces each write on a counter shared with the placement thread, and
 * the placement thread waits for the counter to fall to zero before it begins a transaction.
 * A main-thread write then waits at most for the one order transaction under way. Without a
 * placement thread (tests, the CLI) there is no counter and nothing changes.
 */
import type Database from "better-sqlite3";
import { isMainThread } from "node:worker_threads";

// One counter per process, even when the server's bundles each carry a copy of this module.
const KEY = Symbol.for("dangol.write-gate");
const shared = globalThis as { [KEY]?: Int32Array };

/** The main thread's side: the counter (made when the first placement thread starts), as memory to hand over. */
export function openWriteGate(): SharedArrayBuffer {
  shared[KEY] ??= new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  return shared[KEY].buffer as SharedArrayBuffer;
}

/** The placement thread's side: the counter the main thread announces its writes on. */
export function joinWriteGate(memory: SharedArrayBuffer): void {
  shared[KEY] = new Int32Array(memory);
}

/** Run a write (a statement, a transaction) on the main thread, announced for its whole length. */
export function announcedWrite<T>(write: () => T): T {
  const gate = shared[KEY];
  if (!gate || !isMainThread) return write();
  Atomics.add(gate, 0, 1);
  try {
    return write();
  } finally {
    if (Atomics.sub(gate, 0, 1) === 1) Atomics.notify(gate, 0);
  }
}

/**
 * On the main thread, a statement that writes is announced while it runs (`run`, `get`, `all`;
 * `iterate` is left out: nothing iterates over a write). Called by the statement cache for
 * every statement it compiles; a read is left alone.
 */
export function announceStatementWrites(statement: Database.Statement): void {
  if (statement.readonly || !isMainThread) return;
  const { run, get, all } = statement;
  statement.run = (...params: unknown[]) => announcedWrite(() => run.apply(statement, params));
  statement.get = (...params: unknown[]) => announcedWrite(() => get.apply(statement, params));
  statement.all = (...params: unknown[]) => announcedWrite(() => all.apply(statement, params));
}

/**
 * On the main thread, a transaction that takes the write lock when it begins (`immediate`,
 * `exclusive`: Drizzle's `{ behavior: "immediate" }` and better-sqlite3's own) is announced for
 * its whole length. A deferred one (Drizzle's default, the dashboard's read snapshot) is not: its
 * writes are announced statement by statement, and a long read never holds the placement thread.
 * better-sqlite3 runs BEGIN with statements of its own, which the statement cache never sees.
 */
export function announceLockingTransactions(client: Database.Database): void {
  if (!isMainThread) return;
  const transaction = client.transaction.bind(client);
  client.transaction = ((fn: (...args: unknown[]) => unknown) => {
    const native = transaction(fn);
    const announced =
      (run: (...args: unknown[]) => unknown) =>
      (...args: unknown[]) =>
        announcedWrite(() => run(...args));
    return Object.assign((...args: unknown[]) => native(...args), {
      default: native,
      deferred: native.deferred,
      immediate: announced(native.immediate),
      exclusive: announced(native.exclusive),
      database: client,
    });
  }) as Database.Database["transaction"];
}

/** The placement thread, before a transaction: wait while the main thread writes (never longer than `maxMs`). */
export function waitForAnnouncedWrites(maxMs = 1000): void {
  const gate = shared[KEY];
  if (!gate) return;
  const until = Date.now() + maxMs;
  for (let n = Atomics.load(gate, 0); n > 0 && Date.now() < until; n = Atomics.load(gate, 0)) Atomics.wait(gate, 0, n, 5);
}
