import { and, eq, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { sqliteOf } from "@/db/prepared";
import { orders } from "@/db/schema";
import { bookedAt, bookedSql } from "@/lib/order-holds";

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

const BOOKED_IN_SLOT = `SELECT count(*) AS n FROM orders o
  WHERE o.pickup_date = @date AND o.slot_start = @slot AND o.id != @except AND ${bookedSql("o", "@now")}`;

/** The live orders booked into one slot, as `slotBookings` counts them: one compiled statement, asked by every order placed. */
export function slotBookedCount({
  db,
  pickupDate,
  slotStart,
  exceptOrderId,
  now = Date.now(),
}: {
  db: DbOrTx;
  pickupDate: string;
  slotStart: string;
  exceptOrderId?: number;
  now?: number;
}): number {
  const row = sqliteOf(db)
    .prepare(BOOKED_IN_SLOT)
    .get({ date: pickupDate, slot: slotStart, except: exceptOrderId || 0, now }) as { n: number };
  return row.n;
}
