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

/** The placement thread, before a transaction: wait while the main thread writes (never longer than `maxMs`). */
export function waitForAnnouncedWrites(maxMs = 1000): void {
  const gate = shared[KEY];
  if (!gate) return;
  const until = Date.now() + maxMs;
  for (let n = Atomics.load(gate, 0); n > 0 && Date.now() < until; n = Atomics.load(gate, 0)) Atomics.wait(gate, 0, n, 5);
}
