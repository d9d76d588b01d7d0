/**
 * The one order command: every change of an order — placing it, a status move, a rack slot,
 * an undo, payment, an edit — runs through `runOrderCommand`. It opens the IMMEDIATE transaction,
 * lets the caller apply the change, and every change is written with `recordOrderEvent`
 * (the append-only `order_events` row, plus the outbox rows for webhooks and customer
 * messages, in the same transaction) and collected. What changed is published to live
 * screens only after the commit; a rolled-back change publishes and queues nothing.
 */
import type { Db, Tx } from "@/db/client";
import { placeholdersFor, preparedQuery } from "@/db/prepared";
import { orderEvents, type Order, type OrderEvent, type OrderEventKind } from "@/db/schema";
import { publishOrderChange, type OrderChange } from "@/lib/events/order-events";
import { enqueueOrderEvents, type OrderChange as OutwardChange } from "@/lib/messages/order-messages";
import { refreshOutcomeDays } from "@/lib/purchases/outcomes";
import { refreshPurchaseSequence } from "@/lib/purchases/sequence";

/** What an online payment or refund event records: amount, the provider's key and method, when it was approved. */
export type OnlinePayment = { amount: number; paymentKey: string; providerMethod?: string | null; approvedAt?: number | null };

export type Actor = { type: "user"; userId: number } | { type: "customer" } | { type: "api" } | { type: "system" };

/** What a change inside `runOrderCommand` works with: the transaction, the clock, and the changes so far. */
export type OrderCommand = { tx: Tx; now: number; changes: OrderChange[] };

/**
 * Run `apply` in one IMMEDIATE transaction; after commit, publish every change it recorded.
 * Returns what `apply` returned.
 */
export function runOrderCommand<T>({ db, now = Date.now() }: { db: Db; now?: number }, apply: (cmd: OrderCommand) => T): T {
  const changes: OrderChange[] = [];
  const result = db.transaction(
    (tx) => {
      return apply({ tx, now, changes });
    },
    { behavior: "immediate" },
  );
  publishAfterCommit(changes);
  return result;
}

function publishAfterCommit(changes: readonly OrderChange[]): void {
  for (const change of changes) publishOrderChange(change);
}

/**
 * Append one order event for a change from `before` to `after` (the order row as written)
 * and collect it for publishing. The rack-slot columns follow from the two rows: the slot
 * the bag was put on, the slot it left.
 */
export function recordOrderEvent(
  cmd: OrderCommand,
  {
    kind,
    before,
    after,
    actor,
    note = null,
    reversesEventId = null,
    online = null,
  }: {
    kind: OrderEventKind;
    before: Order | null;
    after: Order;
    actor: Actor;
    note?: string | null;
    reversesEventId?: number | null;
    /** An online payment or a refund through the payment provider (lib/payments/). */
    online?: OnlinePayment | null;
  },
): OrderEvent {
  const slotChanged = (before?.rackSlot ?? null) !== after.rackSlot;
  const values = {
    orderId: after.id,
    kind,
    fromStatus: before?.status ?? null,
    toStatus: after.status,
    rackSlot: slotChanged ? after.rackSlot : null,
    fromRackSlot: slotChanged ? (before?.rackSlot ?? null) : null,
    reversesEventId,
    paymentStatus: kind === "payment" ? after.paymentStatus : null,
    paymentMethod: kind === "payment" ? after.paymentMethod : null,
    amount: online?.amount ?? null,
    paymentKey: online?.paymentKey ?? null,
    providerMethod: online?.providerMethod ?? null,
    approvedAt: online?.approvedAt ?? null,
    actorType: actor.type,
    actorUserId: actor.type === "user" ? actor.userId : null,
    note,
    at: cmd.now,
  };
  const event = preparedQuery(cmd.tx, "order-events.insert", (q) =>
    q.insert(orderEvents).values(placeholdersFor(values)).returning().prepare(),
  ).get(values);
  cmd.changes.push({ orderId: after.id, pickupDate: after.pickupDate, status: after.status, kind, at: cmd.now });
  // A hand-over, its undo or an edit of a picked-up order changes the customer's purchase
  // sequence. An order placed just now is in it only if it was written as picked up.
  if (before || after.status === "picked_up") refreshPurchaseSequence(cmd.tx, { orderIds: [after.id], formerAt: [before?.pickedUpAt] });
  // A change of its final status, prepayment or pickup date moves it in the pre-order outcome
  // counts (a new order was counted by the order record writer).
  if (before) refreshOutcomeDays(cmd.tx, before, after);
  // What the customer and the shop's systems hear goes to the outbox in this same transaction.
  const outward = outwardChange(kind, before, after);
  if (outward) enqueueOrderEvents({ tx: cmd.tx, now: cmd.now, order: after, change: outward });
  return event;
}

/** The webhook event / customer message an order event stands for, if any (rack moves and payments stay inside). */
function outwardChange(kind: OrderEventKind, before: Order | null, after: Order): OutwardChange | null {
  if (kind === "edit") return { type: "changed" };
  if (kind === "undo") return { type: "undone" };
  if (kind !== "status_change") return null;
  // An order awaiting prepayment is news only once it is paid (then it is "placed"); an
  // expired hold was never an order the customer or the shop's systems heard of.
  if (!before) return after.status === "awaiting_payment" ? null : { type: "placed" };
  if (before.status === "awaiting_payment") return after.status === "placed" ? { type: "placed" } : null;
  return before.status === after.status ? null : { type: "status", from: before.status, to: after.status };
}
