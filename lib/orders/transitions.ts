/**
 * The order state machine's moves. Pure (no database), so the rack tablet and pages offer
 * exactly the moves the server's `applyStatusChange` (lib/orders/status.ts) will accept.
 */
import type { OrderStatus } from "@/db/schema";

export const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  placed: ["ready", "arrived", "picked_up", "no_show", "cancelled"],
  ready: ["arrived", "picked_up", "no_show", "cancelled"],
  arrived: ["picked_up", "no_show", "cancelled"],
  picked_up: [],
  no_show: [],
  cancelled: [],
};

export const FINAL_STATUSES: readonly OrderStatus[] = ["picked_up", "no_show", "cancelled"];

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}
