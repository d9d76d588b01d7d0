/**
 * A separate process hitting the same SQLite file, for the cross-process races in
 * rack-concurrency.test.ts. Usage: tsx rack-worker.ts <job> <json args>; prints one JSON line
 * per operation: {ok, code?, value?}.
 */
import { getDb } from "@/db/client";
import { isAppError } from "@/lib/errors";
import { placeOrder } from "@/lib/orders/place-order";
import { markReady } from "@/lib/rack/moves";
import { recordStoreSale } from "@/lib/sales/record-sale";

const [job, raw] = process.argv.slice(2);
const args = JSON.parse(raw) as Record<string, unknown>;
const db = getDb();
const startAt = Number(args.startAt ?? 0);

function attempt(fn: () => unknown): { ok: boolean; code?: string; value?: unknown } {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    return { ok: false, code: isAppError(e) ? e.code : String((e as Error).message) };
  }
}

// Start together: every worker waits for the same wall-clock moment.
while (Date.now() < startAt) {
  /* spin */
}

if (job === "ready") {
  for (const orderId of args.orderIds as number[]) {
    console.log(JSON.stringify(attempt(() => markReady({ db, orderId, actor: { type: "user", userId: 1 } }).rackSlot)));
  }
} else if (job === "mixed") {
  const { productId, date, slot, count, worker } = args as { productId: number; date: string; slot: string; count: number; worker: number };
  for (let i = 0; i < count; i++) {
    const result =
      i % 2 === 0
        ? attempt(
            () =>
              recordStoreSale({
                db,
                source: "api",
                input: {
                  customer_phone: undefined,
                  external_id: `w${worker}-${i}`,
                  occurred_at: new Date().toISOString(),
                  items: [{ product_id: productId, quantity: 1 }],
                },
              }).sale.id,
          )
        : attempt(
            () =>
              placeOrder({
                db,
                channel: "web",
                input: {
                  pickup_date: date,
                  slot,
                  customer: { name: `손님${worker}-${i}`, phone: `010-5${String(worker).padStart(3, "0")}-${String(i).padStart(4, "0")}` },
                  consent: { privacy: true, marketing: false },
                  items: [{ product_id: productId, quantity: 1, options: [] }],
                  note: "",
                },
              }).order.id,
          );
    console.log(JSON.stringify(result));
  }
}
process.exit(0);
