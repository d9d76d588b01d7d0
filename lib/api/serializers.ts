/**
 * The JSON shapes of API v1: snake_case keys, money in integer won, dates `YYYY-MM-DD`,
 * instants ISO 8601 with the shop's offset. Only what a client needs — never a customer's
 * phone, a token other than the caller's own, or an internal column by accident.
 */
import type { Order } from "@/db/schema";
import type { OrderDetail } from "@/lib/orders/order-detail";
import type { PickupDateListing, ProductForDate } from "@/lib/storefront/listing";
import { slotLabel } from "@/lib/pickup/schedule";
import { minNoticeOf } from "@/lib/products/min-notice";
import { photoUrls } from "@/lib/products/photo-urls";
import { isoInZone } from "@/lib/shop/time";

const iso = (ms: number | null | undefined, timeZone: string) => (ms == null ? null : isoInZone(ms, timeZone));

export function pickupDateJson(d: PickupDateListing, timeZone: string) {
  return {
    date: d.date,
    /** `open`, or `not_open_yet` for dates listed ahead of their opening. */
    state: d.state,
    open: d.open,
    opens_at: iso(d.opensAt, timeZone),
    cutoff_at: iso(d.cutoffAt, timeZone),
    slots: d.slots.map((s) => ({ slot: s.slot, start: s.start, end: s.end, capacity: s.capacity, remaining: s.remaining, open: s.open })),
  };
}

export function productJson(p: ProductForDate) {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    category: p.category,
    price: p.price,
    max_per_order: p.maxPerOrder,
    min_notice: minNoticeOf(p),
    photo: p.photoKey ? photoUrls(p.photoKey) : null,
    options: p.optionGroups.map((g) => ({
      id: g.id,
      name: g.name,
      required: g.required,
      choices: g.choices.map((c) => ({ id: c.id, name: c.name, price_delta: c.priceDelta })),
    })),
    planned: p.planned,
    reserved: p.reserved,
    sold: p.sold,
    available: p.available,
  };
}

/** The customer's order page, absolute from the origin the request came to. */
export function orderUrl(order: Pick<Order, "token">, origin: string): string {
  return new URL(`/o/${order.token}`, origin).toString();
}

/** The answer to `POST /api/v1/storefront/orders`: the caller's own order, token included. */
export function placedOrderJson(order: Order, origin: string) {
  return {
    order: {
      id: order.id,
      token: order.token,
      code: order.code,
      status: order.status,
      discount: order.discount,
      total: order.total,
      pickup_date: order.pickupDate,
      slot: slotLabel({ startTime: order.slotStart, endTime: order.slotEnd }),
      url: orderUrl(order, origin),
    },
  };
}

/** `GET /api/v1/storefront/orders/{token}`: status, lines, totals and timeline; of the customer only the name. */
export function customerOrderJson(
  detail: OrderDetail,
  { timeZone, cancellableUntil }: { timeZone: string; cancellableUntil: number | null },
) {
  const { order } = detail;
  return {
    order: {
      code: order.code,
      status: order.status,
      channel: order.channel,
      customer: { name: detail.customerName },
      pickup_date: order.pickupDate,
      slot: slotLabel({ startTime: order.slotStart, endTime: order.slotEnd }),
      rack_slot: order.rackSlot,
      payment_status: order.paymentStatus,
      // Prepayment: paid online in advance and refunded of it (won); while awaiting payment, when the hold ends.
      prepaid: order.prepaidAmount,
      refunded: order.refundedAmount,
      hold_until: order.status === "awaiting_payment" ? iso(order.holdUntil, timeZone) : null,
      items: detail.items.map((i) => ({
        product_id: i.productId,
        name: i.productName,
        quantity: i.quantity,
        unit_price: i.unitPrice,
        options: i.options.map((o) => ({ group: o.group, choice: o.choice, price_delta: o.priceDelta })),
        line_total: i.lineTotal,
      })),
      subtotal: order.subtotal,
      discount: order.discount,
      total: order.total,
      placed_at: iso(order.placedAt, timeZone),
      cancellable_until: iso(cancellableUntil, timeZone),
      timeline: detail.timeline.map((e) => ({ status: e.status, at: iso(e.at, timeZone) })),
    },
  };
}
