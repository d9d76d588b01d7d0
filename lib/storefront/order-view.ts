/**
 * The customer's own order, by its secret token: exactly what `/o/[token]` shows and nothing
 * about any other order or customer.
 */
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { customers, type ChosenOption, type OrderStatus } from "@/db/schema";
import { couponUseOf } from "@/lib/coupons/apply";
import { getOrderDetail } from "@/lib/orders/order-detail";
import { customerCancelDeadline, findOrderByToken } from "@/lib/orders/customer-actions";
import { getShopSettings } from "@/lib/shop/settings";
import { localDate } from "@/lib/shop/time";
import { checkInOpensAt } from "@/lib/pickup/schedule";
import { listPickupDates } from "@/lib/storefront/listing";
import { orderLinesAsInput } from "@/lib/orders/edit-order";
import { suggestionsShownForOrder } from "@/lib/suggestions/suggestions";
import { shopContactOf, type ShopContact } from "./shop-contact";
import { holdsPlace } from "@/lib/payments/rules";

export type CustomerOrderView = {
  id: number;
  token: string;
  code: string;
  status: OrderStatus;
  pickupDate: string;
  slot: string;
  slotStart: string;
  slotEnd: string;
  rackSlot: string | null;
  subtotal: number;
  total: number;
  /** The coupon used (its code and the won it took off), if any. */
  coupon: { code: string; discount: number } | null;
  /** "같이 담아 갈까요?": the products suggested for the next order when this one was placed. */
  suggestions: { productId: number; name: string; forName: string }[];
  note: string;
  customerName: string | null;
  /** The customer's private page token, only when this order created the customer record (see below). */
  myPageToken: string | null;
  items: { name: string; quantity: number; unitPrice: number; lineTotal: number; options: ChosenOption[] }[];
  timeline: { status: string; at: number }[];
  cancelDeadline: number;
  canCancel: boolean;
  canCheckIn: boolean;
  /** On the pickup day before the check-in window: when "도착했어요" opens. */
  checkInOpensAt: number | null;
  /** The customer may still change date, time and quantities (placed, before the cut-off). */
  canEdit: boolean;
  /** Where the order may move to (open dates and slots with room), when it can be changed. */
  editChoices: { date: string; slots: { slot: string; remaining: number }[] }[];
  /** Each line as the change form sends it back: product, quantity and option choice ids. */
  editLines: { name: string; productId: number; quantity: number; optionIds: number[] }[];
  shop: ShopContact & { timezone: string };
  /** How it is paid: prepaid online (amount, refunds), paid at the counter, or still to pay. */
  payment: OrderPaymentView;
};

export type OrderPaymentView = {
  paid: boolean;
  prepaid: number;
  refunded: number;
  /** Still owed back (a refund on its way). */
  refundPending: number;
  /** Awaiting prepayment: when the hold ends (null otherwise). */
  holdUntil: number | null;
  /** The hold ran out before the payment was confirmed. */
  holdExpired: boolean;
  /** The order id the payment provider sees (prepaid orders only). */
  providerOrderId: string | null;
};

export function customerOrderView({ db, token, now = Date.now() }: { db: DbOrTx; token: string; now?: number }): CustomerOrderView | null {
  const order = findOrderByToken({ db, token });
  if (!order) return null;
  const shop = getShopSettings({ db });
  // Lines and the standing timeline (undone steps left out) as the order API shows them.
  const detail = getOrderDetail({ db, order });
  const items = detail.items.map((i) => ({
    name: i.productName,
    quantity: i.quantity,
    unitPrice: i.unitPrice,
    lineTotal: i.lineTotal,
    options: i.options,
  }));
  const timeline = detail.timeline;
  const customer = order.customerId
    ? db.select({ token: customers.token, createdAt: customers.createdAt }).from(customers).where(eq(customers.id, order.customerId)).get()
    : undefined;
  // Whoever typed a phone number into an order must not reach that number's private page:
  // the link is offered only when this very order created the customer record.
  const myPageToken = customer && customer.createdAt === order.placedAt ? customer.token : null;
  const cancelDeadline = customerCancelDeadline({ db, order });
  const isPickupDay = localDate(now, shop.timezone) === order.pickupDate;
  const waiting = isPickupDay && (order.status === "placed" || order.status === "ready");
  const opensAt = checkInOpensAt(order, shop);
  const canEdit = order.status === "placed" && now < cancelDeadline;
  const currentSlot = `${order.slotStart}-${order.slotEnd}`;
  const editChoices = canEdit
    ? listPickupDates({ db, now })
        .filter((d) => d.open)
        .map((d) => ({
          date: d.date,
          slots: d.slots
            .filter((s) => (s.open && s.remaining > 0) || (d.date === order.pickupDate && s.slot === currentSlot))
            .map((s) => ({ slot: s.slot, remaining: s.remaining })),
        }))
        .filter((d) => d.slots.length > 0)
    : [];
  return {
    id: order.id,
    token: order.token,
    code: order.code,
    // A hold that ended is expired on every screen at once, before the sweeper writes it down.
    status: order.status === "awaiting_payment" && !holdsPlace(order, now) ? "expired" : order.status,
    pickupDate: order.pickupDate,
    slot: `${order.slotStart}-${order.slotEnd}`,
    slotStart: order.slotStart,
    slotEnd: order.slotEnd,
    rackSlot: order.rackSlot,
    subtotal: order.subtotal,
    total: order.total,
    coupon: order.discount > 0 ? { code: couponUseOf({ db, orderId: order.id })?.code ?? "", discount: order.discount } : null,
    suggestions: order.status === "cancelled" ? [] : suggestionsShownForOrder({ db, orderId: order.id }),
    note: order.note,
    // What the requester typed on this order, never the stored customer's name.
    customerName: detail.customerName,
    myPageToken,
    items,
    timeline,
    cancelDeadline,
    canCancel: order.status === "placed" && now < cancelDeadline,
    canCheckIn: waiting && now >= opensAt,
    checkInOpensAt: waiting && now < opensAt ? opensAt : null,
    canEdit,
    editChoices,
    editLines: canEdit ? orderLinesAsInput({ db, orderId: order.id }) : [],
    shop: { ...shopContactOf(shop), timezone: shop.timezone },
    payment: {
      paid: order.paymentStatus === "paid",
      prepaid: order.prepaidAmount,
      refunded: order.refundedAmount,
      refundPending: Math.max(0, order.refundOwed - order.refundedAmount),
      holdUntil: order.status === "awaiting_payment" && holdsPlace(order, now) ? order.holdUntil : null,
      holdExpired: order.status === "expired" || (order.status === "awaiting_payment" && !holdsPlace(order, now)),
      providerOrderId: order.paymentOrderId,
    },
  };
}
