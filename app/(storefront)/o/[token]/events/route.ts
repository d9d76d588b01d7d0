import { getDb } from "@/db/client";
import { onOrderChange } from "@/lib/events/order-events";
import { SSE_HEADERS, sseMessage, sseStream } from "@/lib/events/sse";
import { findOrderByToken } from "@/lib/orders/customer-actions";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Server-sent events for one order: a `change` event whenever that order changes, nothing about any other. */
export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const order = findOrderByToken({ db: getDb(), token });
  if (!order) return new Response("Not found", { status: 404 });
  const stream = sseStream({
    signal: req.signal,
    retryMs: 3_000,
    open: (send) =>
      onOrderChange((change) => {
        if (change.orderId === order.id) send(sseMessage("change", { status: change.status, at: change.at }));
      }),
  });
  return new Response(stream, { headers: SSE_HEADERS });
}
