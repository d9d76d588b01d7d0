import { and, eq, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { orders } from "@/db/schema";
import { bookedAt } from "@/lib/order-holds";

/** Live orders booked into a slot (everything but cancelled, expired and ended holds), leaving out `exceptOrderId` (an order being changed). */
export function slotBookings({
  db,
  pickupDate,
  exceptOrderId,
  now = Date.now(),
}: {
  db: DbOrTx;
  pickupDate: string;
  exceptOrderId?: number;
  now?: number;
}): Map<string, number> {
  const rows = db
    .select({ slotStart: orders.slotStart, count: sql<number>`count(*)` })
    .from(orders)
    .where(and(eq(orders.pickupDate, pickupDate), bookedAt(now), exceptOrderId ? ne(orders.id, exceptOrderId) : undefined))
    .groupBy(orders.slotStart)
    .all();
  return new Map(rows.map((r) => [r.slotStart, Number(r.count)]));
}
