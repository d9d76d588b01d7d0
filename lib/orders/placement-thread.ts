/**
 * Storefront orders placed on a thread of their own. On the production server every request's
 * JavaScript runs on one main thread; an order's transaction (schedule, stock, customer, the
 * rows it writes) was the largest part of an order request there. Here it runs on a worker
 * thread with its own connection to the same file, while the main thread reads the request,
 * answers it and serves every other page meanwhile. SQLite's write lock still admits one
 * writer at a time, so the transaction stays the only truth about stock and slots: nothing
 * about placing an order changes, only where its JavaScript runs.
 *
 * - The thread publishes nothing itself: each order change it commits comes back with the
 *   answer and is published here (live rack, order pages), after the commit as before.
 * - A refusal comes back as its code, message key, params, fields and details
 *   (`appErrorToWire`) and is thrown here as the same AppError.
 * - The main thread's own writes go first: the thread waits for them before each transaction
 *   (db/write-gate.ts), so a write here never sleeps in SQLite's busy handler behind a burst.
 * - Off the production server (tests, the CLI, `next dev`), with `ORDER_PLACEMENT_THREAD=off`,
 *   or if the thread cannot start, orders are placed on the calling thread as before (those
 *   sent to a thread that then failed to start too).
 * - If the thread dies, the orders it had not answered get the internal error (a retry with
 *   the same idempotency key returns the order if it was written), and the next order starts
 *   a new thread.
 */
import "server-only";
import { SHARE_ENV, Worker, type WorkerOptions } from "node:worker_threads";
import { getDb } from "@/db/client";
import { serverWalAutocheckpoint } from "@/db/wal-checkpointer";
import { openWriteGate } from "@/db/write-gate";
import { publishOrderChange, type OrderChange } from "@/lib/events/order-events";
import { appErrorFromWire, parseJsonOrThrow, parseOrThrow, type AppErrorWire } from "@/lib/errors";
import { orderInput, type OrderInput } from "./input";
import { placeOrder, type PlaceOrderResult } from "./place-order";

type PlaceArgs = Omit<Parameters<typeof placeOrder>[0], "db">;
/**
 * What a placement needs besides the connection, all plain data so it can cross to the thread.
 * The order is either `input` (already validated, as the storefront form's action has it) or
 * `json`, the request body as it came (the API): reading and validating it is then the thread's
 * work, not the main thread's, and a bad body is refused from there as it would be here.
 */
export type PlacementArgs = Omit<PlaceArgs, "input"> & ({ input: OrderInput } | { json: string });

/** `placeOrder`'s arguments (without `db`) for a placement: the `json` body parsed and validated. */
export function placementInput(args: PlacementArgs): PlaceArgs {
  if (!("json" in args)) return args;
  const { json, ...rest } = args;
  return { ...rest, input: parseOrThrow(orderInput, parseJsonOrThrow(json)) };
}

export type PlacementRequest = { id: number; args: PlacementArgs };
export type PlacementReply = { id: number; changes: OrderChange[] } & (
  { result: PlaceOrderResult } | { error: AppErrorWire } | { crash: true }
);
/** The thread says `ready` once it has loaded, then answers each request. */
export type PlacementMessage = { ready: true } | PlacementReply;
export type PlacementThreadData = { walAutocheckpoint: number; writeGate: SharedArrayBuffer };

/**
 * How a sent order is settled: with the thread's result, with its refusal (as data, see
 * sendToThread), or, if the thread never started, by placing it here after all.
 */
type Pending = { resolve: (r: PlaceOrderResult) => void; refuse: (e: AppErrorWire) => void; placeHere: () => void };
/** A running thread: `started` once it has loaded, the orders it has not answered yet. */
type ThreadState = { worker: Worker; started: boolean; pending: Map<number, Pending>; nextId: number };

const INTERNAL: AppErrorWire = { code: "internal", key: "internal" };

const state = globalThis as unknown as { dangolPlacementThread?: ThreadState; dangolPlacementThreadFailed?: boolean };

/** Whether orders go to the thread: the production server, unless turned off or the thread failed to start. */
function threadWanted(): boolean {
  return (
    process.env.NEXT_RUNTIME === "nodejs" &&
    process.env.NODE_ENV === "production" &&
    process.env.ORDER_PLACEMENT_THREAD !== "off" &&
    !state.dangolPlacementThreadFailed
  );
}

/**
 * Place a storefront order (`placeOrder`'s arguments without `db`) on the placement thread
 * when there is one, else here. Resolves with what `placeOrder` returns; rejects with the same
 * AppError it would have thrown.
 */
export function placeOrderOffThread(args: PlacementArgs): Promise<PlaceOrderResult> {
  const thread = placementThread();
  if (!thread) return placeInProcess(args);
  return sendToThread(thread, args);
}

/** Place the order on this thread, with its own connection (no thread, or one that never started). */
function placeInProcess(args: PlacementArgs): Promise<PlaceOrderResult> {
  return Promise.resolve().then(() => placeOrder({ db: getDb(), ...placementInput(args) }));
}

/**
 * The running thread, started if there is none (the server starts it at boot, so the first
 * order of the evening does not wait for it to load); null where orders stay on this thread.
 */
export function placementThread(): ThreadState | null {
  if (!threadWanted()) return null;
  if (state.dangolPlacementThread) return state.dangolPlacementThread;
  try {
    return startPlacementThread();
  } catch (e) {
    // No thread could be made at all (a limit on threads or memory): orders stay here.
    console.error(`order placement thread: ${(e as Error).message}`);
    state.dangolPlacementThreadFailed = true;
    return null;
  }
}

/**
 * Send one placement and wait for its answer. A refusal becomes an AppError here, in the
 * caller's copy of lib/errors: the server's bundles may each carry their own copy of a module,
 * and the thread may have been started from another one (instrumentation.ts) than the route
 * that awaits the answer, whose `isAppError` must recognise it.
 */
export function sendToThread(thread: ThreadState, args: PlacementArgs): Promise<PlaceOrderResult> {
  const id = thread.nextId++;
  return new Promise<PlaceOrderResult>((resolve, reject) => {
    const placeHere = () => resolve(placeInProcess(args));
    thread.pending.set(id, { resolve, refuse: (wire) => reject(appErrorFromWire(wire)), placeHere });
    thread.worker.postMessage({ id, args } satisfies PlacementRequest);
  });
}

/**
 * Start the thread (placementThread() does, once per process). `spawn` lets a test start the
 * TypeScript entry through a loader; the server starts its bundled build.
 */
export function startPlacementThread({ spawn }: { spawn?: (file: URL, options: WorkerOptions) => Worker } = {}): ThreadState {
  const workerData: PlacementThreadData = { walAutocheckpoint: serverWalAutocheckpoint(), writeGate: openWriteGate() };
  const options: WorkerOptions = { env: SHARE_ENV, workerData };
  const worker = spawn
    ? spawn(new URL("./placement-thread.worker.ts", import.meta.url), options)
    : new Worker(new URL("./placement-thread.worker.ts", import.meta.url), options);
  const thread: ThreadState = { worker, started: false, pending: new Map(), nextId: 1 };
  state.dangolPlacementThread = thread;
  worker.on("message", (reply: PlacementMessage) => {
    if ("ready" in reply) {
      thread.started = true;
      return;
    }
    for (const change of reply.changes) publishOrderChange(change);
    const pending = thread.pending.get(reply.id);
    if (!pending) return;
    thread.pending.delete(reply.id);
    if ("result" in reply) pending.resolve(reply.result);
    else if ("error" in reply) pending.refuse(reply.error);
    // Not a refusal: the thread logged it; the caller answers with the internal error.
    else pending.refuse(INTERNAL);
  });
  const fail = (why: string) => {
    if (state.dangolPlacementThread !== thread) return;
    state.dangolPlacementThread = undefined;
    console.error(`order placement thread: ${why}`);
    const pending = [...thread.pending.values()];
    thread.pending.clear();
    if (thread.started) {
      // It may have written some of them before it died (their live-screen news is lost with
      // it; the screens catch up on their next refresh): a retry with the same idempotency
      // key answers with the order if it was written.
      for (const p of pending) p.refuse(INTERNAL);
      return;
    }
    // A thread that never started (its bundle is missing, it cannot load) wrote nothing and is
    // not tried again: its orders, and every one after them, are placed on this thread.
    state.dangolPlacementThreadFailed = true;
    for (const p of pending) p.placeHere();
  };
  worker.on("error", (e) => fail(e.message));
  worker.on("exit", (code) => fail(`exited (${code})`));
  // The thread never keeps the process alive by itself (on the server, its sockets do).
  worker.unref();
  return thread;
}

/** Stop the thread (tests): what it had not answered is refused. */
export async function stopPlacementThread(): Promise<void> {
  const thread = state.dangolPlacementThread;
  state.dangolPlacementThread = undefined;
  state.dangolPlacementThreadFailed = undefined;
  if (!thread) return;
  for (const p of thread.pending.values()) p.refuse(INTERNAL);
  thread.pending.clear();
  await thread.worker.terminate();
}
