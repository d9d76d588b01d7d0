/** The JSON shape of a day's pre-orders in `GET /api/v1/orders` (what a POS or kiosk needs at pickup). */
import { isoInZone } from "@/lib/shop/time";
import type { RackCard } from "./board";

export function rackCardToJson(card: RackCard, timeZone: string) {
  const at = (ms: number | null) => (ms === null ? null : isoInZone(ms, timeZone));
  return {
    id: card.id,
    code: card.code,
    status: card.status,
    channel: card.channel,
    slot: `${card.slotStart}-${card.slotEnd}`,
    rack_slot: card.rackSlot,
    customer: { name: card.customerName, phone_last4: card.phoneLast4 },
    payment_status: card.paid ? "paid" : "unpaid",
    payment_method: card.paymentMethod,
    total: card.total,
    discount: card.discount,
    note: card.note,
    items: card.items.map((i) => ({ name: i.name, quantity: i.quantity, options: i.options })),
    placed_at: at(card.placedAt),
    ready_at: at(card.readyAt),
    arrived_at: at(card.arrivedAt),
    picked_up_at: at(card.pickedUpAt),
    no_show_at: at(card.noShowAt),
  };
}
