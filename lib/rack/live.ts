/**
 * The rack's live feed as server-sent events: a full board first (also after every
 * reconnect, so nothing missed while offline stays missed), then one `card` event per order
 * change of that date. Changes come from the in-process order bus (lib/events/order-events).
 */
import type { Db } from "@/db/client";
import { onOrderChange } from "@/lib/events/order-events";
import { getRackCard, loadRackBoard } from "./board";

const HEARTBEAT_MS = 15_000;
/** EventSource waits this long before reconnecting after a dropped connection. */
const RETRY_MS = 1_000;

export function sseMessage(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function rackEventStream({ db, date, signal }: { db: Db; date?: string; signal?: AbortSignal }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const board = loadRackBoard({ db, date });
      send(`retry: ${RETRY_MS}\n\n`);
      send(sseMessage("board", board));
      const unsubscribe = onOrderChange((change) => {
        if (change.pickupDate !== board.date) return;
        const card = getRackCard({ db, orderId: change.orderId });
        send(sseMessage("card", { card: card ?? null, orderId: change.orderId, at: change.at, serverNow: Date.now() }));
      });
      const heartbeat = setInterval(() => send(`: keep-alive ${Date.now()}\n\n`), HEARTBEAT_MS);
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      signal?.addEventListener("abort", cleanup, { once: true });
    },
    cancel() {
      cleanup();
    },
  });
}
