/**
 * The order state machine's moves. Pure (no database), so the rack tablet and pages offer
 * exactly the moves the server's `applyStatusChange` (lib/orders/status.ts) will accept.
 */
import type { OrderStatus } from "@/db/schema";

export const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  // Paid in time it becomes an ordinary placed order; unpaid, its hold runs out (or it is called off).
  awaiting_payment: ["placed", "expired", "cancelled"],
  placed: ["ready", "arrived", "picked_up", "no_show", "cancelled"],
  ready: ["arrived", "picked_up", "no_show", "cancelled"],
  arrived: ["picked_up", "no_show", "cancelled"],
  picked_up: [],
  no_show: [],
  cancelled: [],
  expired: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}
