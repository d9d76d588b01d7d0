/**
 * Changing an order: its pickup date, slot, quantities and options. A customer may change
 * their own order on its page until its cut-off while it is still 접수; staff may change any
 * order until it is handed over. Every change runs as one order command with the same checks
 * as placing an order (lib/orders/place-order.ts: schedule, slot capacity, stock, prices),
 * the order's own slot place and stock not counted against it; the price is recomputed from
 * the catalogue when the items change, and an `edit` order event says what changed.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { orderItems, orders, type Order } from "@/db/schema";
import { couponLines, repriceOrderCoupon } from "@/lib/coupons/apply";
import { AppError } from "@/lib/errors";
import { formatWon } from "@/lib/format";
import { slotLabel } from "@/lib/pickup/schedule";
import { listProductsWithOptions } from "@/lib/products/catalogue";
import { getShopSettings } from "@/lib/shop/settings";
import { runOrderCommand, recordOrderEvent, type Actor, type OrderCommand } from "./command";
import { customerCancelDeadline, findOrderByToken } from "./customer-actions";
import type { OrderEditInput } from "./input";
import { assertInStock, assertSlotHasRoom, priceOrderLines, resolvePickupSlot, type BookingRules } from "./place-order";
import { generatePickupCode } from "./pickup-code";
import { getOrderForUpdate } from "./status";

const itemsText = (lines: readonly { name: string; quantity: number }[]) => lines.map((l) => `${l.name} ×${l.quantity}`).join(", ");

/** Apply a change inside an order command under the customer's or staff's rules. */
export function applyOrderEdit(
  cmd: OrderCommand,
  { order, input, rules, actor }: { order: Order; input: OrderEditInput; rules: BookingRules; actor: Actor },
): Order {
  const { tx, now } = cmd;
  const currentSlot = slotLabel({ startTime: order.slotStart, endTime: order.slotEnd });
  const date = input.pickup_date ?? order.pickupDate;
  const label = input.slot ?? currentSlot;
  const moved = date !== order.pickupDate || label !== currentSlot;
  if (rules === "customer") {
    if (order.status !== "placed") throw new AppError("invalid_transition", { message: "order_edit_started" });
    if (now >= customerCancelDeadline({ db: tx, order })) throw new AppError("cutoff_passed", { message: "order_edit_cutoff_passed" });
  } else {
    if (order.status !== "placed" && order.status !== "ready" && order.status !== "arrived")
      throw new AppError("invalid_transition", { message: "order_edit_handed_over" });
    if (date !== order.pickupDate && order.status !== "placed") throw new AppError("invalid_transition", { message: "order_edit_on_rack" });
  }

  const changes: Partial<Order> = {};
  if (moved) {
    const { slot } = resolvePickupSlot({ tx, date, slot: label, rules, now });
    assertSlotHasRoom({ tx, date, slot, exceptOrderId: order.id, now });
    Object.assign(changes, { pickupDate: date, slotStart: slot.startTime, slotEnd: slot.endTime });
  }
  const before = tx.select().from(orderItems).where(eq(orderItems.orderId, order.id)).orderBy(asc(orderItems.id)).all();
  const lines = input.items
    ? priceOrderLines({ tx, items: input.items, maxItemsPerOrder: getShopSettings({ db: tx }).maxItemsPerOrder })
    : null;
  if (lines || date !== order.pickupDate) {
    const stockLines = lines ?? before.map((i) => ({ product: { id: i.productId, name: i.productName }, quantity: i.quantity }));
    assertInStock({ tx, date, lines: stockLines, exceptOrderId: order.id, now });
  }
  if (lines) {
    tx.delete(orderItems).where(eq(orderItems.orderId, order.id)).run();
    tx.insert(orderItems)
      .values(
        lines.map((l) => ({
          orderId: order.id,
          productId: l.product.id,
          productName: l.product.name,
          unitPrice: l.unitPrice,
          quantity: l.quantity,
          options: l.options,
          lineTotal: l.lineTotal,
        })),
      )
      .run();
    const subtotal = lines.reduce((sum, l) => sum + l.lineTotal, 0);
    const discount = repriceOrderCoupon({ tx, orderId: order.id, lines: couponLines(lines) });
    // A prepaid order's total is what was paid: its items change only at the same total.
    if (order.prepaidAmount > 0 && subtotal - discount !== order.total)
      throw new AppError("invalid_transition", { message: "order_edit_prepaid_total" });
    Object.assign(changes, { subtotal, discount, total: subtotal - discount });
  }
  if (date !== order.pickupDate) {
    // The pickup code is unique within its date.
    const clash = tx
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.pickupDate, date), eq(orders.code, order.code)))
      .get();
    if (clash) changes.code = generatePickupCode({ db: tx, pickupDate: date });
  }

  const note: string[] = [];
  if (moved) note.push(`픽업 ${order.pickupDate} ${currentSlot} → ${date} ${label}`); // hangul-ok: stored event note
  if (lines) {
    const was = itemsText(before.map((i) => ({ name: i.productName, quantity: i.quantity })));
    const after = itemsText(lines.map((l) => ({ name: l.product.name, quantity: l.quantity })));
    if (was !== after) note.push(`상품 ${was} → ${after}`); // hangul-ok: stored event note
  }
  if (changes.total !== undefined && changes.total !== order.total)
    note.push(`합계 ${formatWon(order.total)} → ${formatWon(changes.total)}`); // hangul-ok: stored event note
  if (!note.length) return order;

  const updated = Object.keys(changes).length ? tx.update(orders).set(changes).where(eq(orders.id, order.id)).returning().get() : order;
  recordOrderEvent(cmd, { kind: "edit", before: order, after: updated, actor, note: note.join(" · ") });
  // The board of the date the order left hears of it too.
  if (updated.pickupDate !== order.pickupDate)
    cmd.changes.push({ orderId: order.id, pickupDate: order.pickupDate, status: updated.status, kind: "edit", at: now });
  return updated;
}

/** The customer changes their own order by its token (their order page, `PATCH /api/v1/storefront/orders/{token}`). */
export function editOrderByCustomer({
  db,
  token,
  input,
  now = Date.now(),
}: {
  db: Db;
  token: string;
  input: OrderEditInput;
  now?: number;
}): Order {
  return runOrderCommand({ db, now }, (cmd) => {
    const order = findOrderByToken({ db: cmd.tx, token });
    if (!order) throw new AppError("not_found", { message: "order_not_found" });
    return applyOrderEdit(cmd, { order, input, rules: "customer", actor: { type: "customer" } });
  });
}

/** Staff change an order until it is handed over (admin order page, `PATCH /api/v1/orders/{id}`). */
export function editOrderByStaff({
  db,
  orderId,
  input,
  actor,
  now = Date.now(),
}: {
  db: Db;
  orderId: number;
  input: OrderEditInput;
  actor: Actor;
  now?: number;
}): Order {
  return runOrderCommand({ db, now }, (cmd) =>
    applyOrderEdit(cmd, { order: getOrderForUpdate({ db: cmd.tx, orderId }), input, rules: "staff", actor }),
  );
}

/**
 * An order's lines in the shape a change sends back (product, quantity, option choice ids),
 * matching each chosen option by its group and choice name in the catalogue; an option that
 * no longer exists is left out, and pricing then says what to choose.
 */
export function orderLinesAsInput({
  db,
  orderId,
}: {
  db: DbOrTx;
  orderId: number;
}): { name: string; productId: number; quantity: number; optionIds: number[] }[] {
  const items = db.select().from(orderItems).where(eq(orderItems.orderId, orderId)).orderBy(asc(orderItems.id)).all();
  const catalogue = new Map(listProductsWithOptions({ db, ids: [...new Set(items.map((i) => i.productId))] }).map((p) => [p.id, p]));
  return items.map((i) => {
    const groups = catalogue.get(i.productId)?.optionGroups ?? [];
    const optionIds = i.options.flatMap((o) => groups.find((g) => g.name === o.group)?.choices.find((c) => c.name === o.choice)?.id ?? []);
    return { name: i.productName, productId: i.productId, quantity: i.quantity, optionIds };
  });
}

/**
 * The change form (order page, admin order page) → the one `orderEditInput` shape: `when` is
 * `<date>|<slot>`, `qty:<n>` the new quantity of the order's n-th line (0 drops it). Products
 * and options come from the order's own `lines`, never from the form.
 */
export function editFormToInput(form: FormData, lines: ReturnType<typeof orderLinesAsInput>): Record<string, unknown> {
  const [pickup_date, slot] = String(form.get("when") ?? "").split("|");
  const items = lines
    .map((l, i) => ({ product_id: l.productId, quantity: String(form.get(`qty:${i}`) ?? l.quantity).trim(), options: l.optionIds }))
    .filter((l) => l.quantity !== "0");
  return { pickup_date, slot, items };
}
