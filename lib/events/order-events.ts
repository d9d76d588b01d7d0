import { EventEmitter } from "node:events";
import type { OrderEventKind } from "@/db/schema";

/**
 * In-process notifications that an order changed, so live boards and order pages can
 * refresh without reload. Published only by the order command (lib/orders/command.ts),
 * after its transaction commits; carries ids only — listeners read the current state
 * through lib/.
 */
export type OrderChange = { orderId: number; pickupDate: string; status: string; kind: OrderEventKind; at: number };

const globalForBus = globalThis as unknown as { dangolOrderBus?: EventEmitter };
export const orderBus: EventEmitter = (globalForBus.dangolOrderBus ??= new EventEmitter().setMaxListeners(0));

export function publishOrderChange(change: OrderChange): void {
  orderBus.emit("change", change);
}

export function onOrderChange(listener: (change: OrderChange) => void): () => void {
  orderBus.on("change", listener);
  return () => orderBus.off("change", listener);
}
