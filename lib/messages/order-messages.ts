/**
 * What an order change tells the outside: the webhook event for the shop's systems and the
 * message for the customer, queued in the transaction that writes the change.
 */
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { insertRows, preparedQuery } from "@/db/prepared";
import { customers, outbox, type NewOutboxItem, type Order, type OrderStatus } from "@/db/schema";
import { publicUrl } from "@/lib/config/public-url";
import { slotLabel } from "@/lib/pickup/schedule";
import { eventRows, messageRow, type MessageTemplate, type WebhookEvent } from "./outbox";

/** `undone`: staff took back their last change; the shop's systems hear the restored order, the customer is not messaged. */
export type OrderChange =
  { type: "placed" } | { type: "changed" } | { type: "undone" } | { type: "status"; from: OrderStatus; to: OrderStatus };

const STATUS_EVENT: Partial<Record<OrderStatus, WebhookEvent>> = {
  ready: "order.ready",
  arrived: "order.arrived",
  picked_up: "order.picked_up",
  cancelled: "order.cancelled",
  no_show: "order.no_show",
};

/** Transactional messages for the order's own news (no marketing consent needed). */
const STATUS_MESSAGE: Partial<Record<OrderStatus, MessageTemplate>> = {
  ready: "order_ready",
  cancelled: "order_cancelled",
};

/** The order as `GET /api/v1/orders` shows it: never the full phone or the customer's token. */
export function orderEventData(order: Order, phone: string | null) {
  return {
    id: order.id,
    code: order.code,
    status: order.status,
    channel: order.channel,
    pickup_date: order.pickupDate,
    slot: slotLabel({ startTime: order.slotStart, endTime: order.slotEnd }),
    rack_slot: order.rackSlot,
    total: order.total,
    phone_last4: phone ? phone.slice(-4) : null,
  };
}

/** The values order messages fill in: the code, the pickup time, the rack slot and the link. */
export function orderMessageParams(order: Order): Record<string, string> {
  return {
    code: order.code,
    date: order.pickupDate,
    slot: slotLabel({ startTime: order.slotStart, endTime: order.slotEnd }),
    rackSlot: order.rackSlot ?? "",
    url: publicUrl(`/o/${order.token}`),
  };
}

/**
 * On in the product, always. The benchmark turns it off for its "before the outbox" arm, to
 * measure what the outbox costs an order in the same run (scripts/bench/outbox.ts).
 */
export const orderOutbox = { enabled: true };

/**
 * Queue the webhook event and the customer message for one order change (`order` is the
 * order after the change). Called inside the change's transaction, so a change that rolls
 * back leaves nothing behind.
 */
export function enqueueOrderEvents({
  tx,
  now,
  order,
  change,
  phone,
}: {
  tx: DbOrTx;
  now: number;
  order: Order;
  change: OrderChange;
  /** The customer's phone when the caller has it at hand (saves a look-up). */
  phone?: string | null;
}): void {
  const event: WebhookEvent | undefined =
    change.type === "placed"
      ? "order.placed"
      : change.type === "changed" || change.type === "undone"
        ? "order.changed"
        : STATUS_EVENT[change.to];
  const template: MessageTemplate | undefined =
    change.type === "placed"
      ? "order_received"
      : change.type === "changed"
        ? "order_changed"
        : change.type === "undone"
          ? undefined
          : STATUS_MESSAGE[change.to];
  if (!orderOutbox.enabled || (!event && !template)) return;
  const customerPhone =
    phone !== undefined
      ? phone
      : order.customerId
        ? (preparedQuery(tx, "customers.phone", (q) =>
            q
              .select({ phone: customers.phone })
              .from(customers)
              .where(eq(customers.id, sql.placeholder("id")))
              .prepare(),
          ).get({ id: order.customerId })?.phone ?? null)
        : null;
  const rows: NewOutboxItem[] = event ? eventRows({ tx, now, type: event, data: orderEventData(order, customerPhone) }) : [];
  const message =
    template && order.customerId
      ? messageRow({
          tx,
          now,
          to: { customerId: order.customerId, phone: customerPhone },
          template,
          params: orderMessageParams(order),
          purpose: "transactional",
          locale: order.locale,
        })
      : null;
  if (message) rows.push(message);
  // The event's deliveries and the customer's message, through inserts built once per connection.
  insertRows(tx, "outbox.insert", outbox, rows, { onConflictDoNothing: true });
}
