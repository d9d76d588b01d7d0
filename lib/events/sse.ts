/**
 * Server-sent events plumbing shared by every live feed (the rack board, a customer's order
 * page): a stream that subscribes on open, sends a heartbeat so proxies keep it open, and
 * unsubscribes exactly once when the client goes away.
 */
const HEARTBEAT_MS = 15_000;

export function sseMessage(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-store, no-transform",
  Connection: "keep-alive",
  // nginx would otherwise buffer the stream and deliver events late.
  "X-Accel-Buffering": "no",
};

/**
 * `open(send)` sends what the client needs first and returns the unsubscribe function.
 * `retryMs` is how long EventSource waits before reconnecting after a drop.
 */
export function sseStream({
  signal,
  retryMs,
  open,
}: {
  signal?: AbortSignal;
  retryMs: number;
  open: (send: (text: string) => void) => () => void;
}): ReadableStream<Uint8Array> {
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
      send(`retry: ${retryMs}\n\n`);
      const unsubscribe = open(send);
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
