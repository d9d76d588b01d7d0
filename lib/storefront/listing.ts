/**
 * What a customer can order, as the storefront and `GET /api/v1/pickup-dates` /
 * `GET /api/v1/products` show it. Both read these two functions.
 */
import type { DbOrTx } from "@/db/client";
import { stockForDate } from "@/lib/inventory/availability";
import { listProductsWithOptions, type ProductWithOptions } from "@/lib/products/catalogue";
import { loadSchedule } from "@/lib/shop/settings";
import { slotBookings } from "@/lib/pickup/slot-bookings";
import { upcomingPickupDates, type DateState } from "@/lib/pickup/schedule";

export type PickupSlotListing = { slot: string; start: string; end: string; capacity: number; remaining: number; open: boolean };
export type PickupDateListing = {
  date: string;
  state: DateState;
  open: boolean;
  opensAt: number;
  cutoffAt: number;
  slots: PickupSlotListing[];
};

export function listPickupDates({ db, now = Date.now() }: { db: DbOrTx; now?: number }): PickupDateListing[] {
  const { settings, slots, closedDates } = loadSchedule({ db });
  return upcomingPickupDates(now, settings, slots, closedDates).map((d) => {
    const booked = slotBookings({ db, pickupDate: d.date });
    return {
      date: d.date,
      state: d.state,
      open: d.state === "open",
      opensAt: d.opensAt,
      cutoffAt: d.cutoffAt,
      slots: d.slots.map((s) => {
        const remaining = Math.max(0, s.capacity - (booked.get(s.startTime) ?? 0));
        return { slot: s.label, start: s.startTime, end: s.endTime, capacity: s.capacity, remaining, open: s.open && remaining > 0 };
      }),
    };
  });
}

export type ProductForDate = ProductWithOptions & { planned: number; reserved: number; sold: number; available: number };

/** Active products with their stock line for a date; products not planned that day have planned 0. */
export function listProductsForDate({ db, date }: { db: DbOrTx; date: string }): ProductForDate[] {
  const products = listProductsWithOptions({ db, activeOnly: true });
  const stock = stockForDate({ db, date, productIds: products.map((p) => p.id) });
  return products.map((p) => {
    const line = stock.get(p.id)!;
    return { ...p, planned: line.planned, reserved: line.reserved, sold: line.sold, available: line.available };
  });
}
