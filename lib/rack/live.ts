/**
 * The rack's live feed as server-sent events: a full board first (also after every
 * reconnect, so nothing missed while offline stays missed), then one `card` event per order
 * change of that date. Changes come from the in-process order bus (lib/events/order-events).
 */
import type { Db } from "@/db/client";
import { onOrderChange } from "@/lib/events/order-events";
import { sseMessage, sseStream } from "@/lib/events/sse";
import { getRackCard, loadRackBoard } from "./board";

/** EventSource waits this long before reconnecting after a dropped connection. */
const RETRY_MS = 1_000;

export function rackEventStream({ db, date, signal }: { db: Db; date?: string; signal?: AbortSignal }): ReadableStream<Uint8Array> {
  return sseStream({
    signal,
    retryMs: RETRY_MS,
    open(send) {
      const board = loadRackBoard({ db, date });
      send(sseMessage("board", board));
      return onOrderChange((change) => {
        if (change.pickupDate !== board.date) return;
        const card = getRackCard({ db, orderId: change.orderId });
        send(sseMessage("card", { card: card ?? null, orderId: change.orderId, at: change.at, serverNow: Date.now() }));
      });
    },
  });
}
