/**
 * Sets of order statuses every domain reads (stock, slots, the rack, import), defined once.
 * A leaf module: pure, importing only types, so any domain may use it without a cycle.
 */
import type { OrderStatus } from "@/db/schema";

/** Orders still to be collected: they hold their stock, their slot and (once ready) a rack place. */
export const OPEN_STATUSES: readonly OrderStatus[] = ["placed", "ready", "arrived"];

/** The order column each status stamps with the time it was reached. */
export const STATUS_STAMP = {
  ready: "readyAt",
  arrived: "arrivedAt",
  picked_up: "pickedUpAt",
  no_show: "noShowAt",
  cancelled: "cancelledAt",
} as const satisfies Partial<Record<OrderStatus, string>>;

export function statusStamp(status: OrderStatus): (typeof STATUS_STAMP)[keyof typeof STATUS_STAMP] | undefined {
  return (STATUS_STAMP as Partial<Record<OrderStatus, (typeof STATUS_STAMP)[keyof typeof STATUS_STAMP]>>)[status];
}
