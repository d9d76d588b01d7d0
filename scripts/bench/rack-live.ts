/**
 * Rack live-board latency: 10 boards hold the SSE feed open; 200 status changes are made
 * through the server (POST /api/live/rack with the API key, the way a rack kiosk would), and
 * for each change we time how long until EVERY board has received the card in its new status.
 * Orders are set up on a far-future pickup date so the demo day's rack is left alone, and are
 * removed afterwards.
 */
import crypto from "node:crypto";
import { inArray } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { orders } from "@/db/schema";
import type { BenchContext, BenchModule, BenchRow } from "./types";

const BOARDS = 10;
const CHANGES = 200;
const DATE = "2099-12-31";
/** Each order goes placed → ready → arrived → picked up: three changes. */
const STEPS = ["ready", "arrived", "picked_up"] as const;

type Waiter = { orderId: number; status: string; seen: Set<number>; done: () => void };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function openBoard(ctx: BenchContext, index: number, waiters: Set<Waiter>): Promise<AbortController> {
  const abort = new AbortController();
  const res = await fetch(`${ctx.baseUrl}/api/live/rack?date=${DATE}`, {
    headers: { authorization: `Bearer ${ctx.apiKey}` },
    signal: abort.signal,
  });
  if (!res.ok || !res.body) throw new Error(`board ${index}: HTTP ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let ready!: () => void;
  const gotBoard = new Promise<void>((r) => (ready = r));
  void (async () => {
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event === "board") ready();
          if (event === "card" && data) {
            const { card } = JSON.parse(data) as { card: { id: number; status: string } | null };
            if (!card) continue;
            for (const w of waiters) {
              if (w.orderId === card.id && w.status === card.status && !w.seen.has(index)) {
                w.seen.add(index);
                if (w.seen.size === BOARDS) w.done();
              }
            }
          }
        }
      }
    } catch {
      // aborted at the end of the run
    }
  })();
  await gotBoard;
  return abort;
}

const rackLive: BenchModule = async (ctx) => {
  const db = openDatabase(ctx.dbPath);
  const count = Math.ceil(CHANGES / STEPS.length);
  const ids: number[] = [];
  db.transaction((tx) => {
    for (let i = 0; i < count; i++) {
      const row = tx
        .insert(orders)
        .values({
          token: crypto.randomBytes(18).toString("base64url"),
          code: `Z${String(i).padStart(3, "0")}`,
          channel: "phone",
          pickupDate: DATE,
          slotStart: "10:00",
          slotEnd: "11:00",
          subtotal: 0,
          total: 0,
          placedAt: Date.now(),
        })
        .returning({ id: orders.id })
        .get();
      ids.push(row.id);
    }
  });
  const waiters = new Set<Waiter>();
  const boards = await Promise.all(Array.from({ length: BOARDS }, (_, i) => openBoard(ctx, i, waiters)));
  const delays: number[] = [];
  try {
    let changes = 0;
    for (const orderId of ids) {
      for (const to of STEPS) {
        if (changes++ >= CHANGES) break;
        let done!: () => void;
        const arrived = new Promise<void>((r) => (done = r));
        const waiter: Waiter = { orderId, status: to, seen: new Set(), done };
        waiters.add(waiter);
        const started = performance.now();
        const res = await fetch(`${ctx.baseUrl}/api/live/rack`, {
          method: "POST",
          headers: { authorization: `Bearer ${ctx.apiKey}`, "content-type": "application/json" },
          body: JSON.stringify({ order_id: orderId, to }),
        });
        if (!res.ok) throw new Error(`change ${orderId} → ${to}: HTTP ${res.status} ${await res.text()}`);
        await Promise.race([
          arrived,
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error(`change ${orderId} → ${to} did not reach all boards in 10 s`)), 10_000),
          ),
        ]);
        delays.push(performance.now() - started);
        waiters.delete(waiter);
      }
    }
  } finally {
    for (const b of boards) b.abort();
    db.delete(orders).where(inArray(orders.id, ids)).run();
    db.$client.close();
  }
  const sorted = [...delays].sort((a, b) => a - b);
  const note = `${BOARDS} SSE boards, ${delays.length} changes via POST /api/live/rack; time from request start until all boards had the card`;
  const rows: BenchRow[] = [
    { name: "rack live: change → all boards", metric: "p50 ms", value: Math.round(percentile(sorted, 50) * 10) / 10, note },
    { name: "rack live: change → all boards", metric: "p95 ms", value: Math.round(percentile(sorted, 95) * 10) / 10, note },
  ];
  return rows;
};

export default rackLive;
