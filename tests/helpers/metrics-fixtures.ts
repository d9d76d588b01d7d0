/**
 * Tiny row builders for metric tests (orders and sales written directly, as history; each
 * refreshes the customer's purchase sequence and the pre-order outcome counts as every writer does).
 */
import crypto from "node:crypto";
import type { Db } from "@/db/client";
import { customers, inquiries, orders, storeSales, type OrderChannel, type OrderStatus } from "@/db/schema";
import { refreshOutcomeDays } from "@/lib/purchases/outcomes";
import { refreshPurchaseSequence } from "@/lib/purchases/sequence";
import { localDate, zonedTime } from "@/lib/shop/time";

/** Shop-local `date` `time` (`HH:MM` or `HH:MM:SS`, Asia/Seoul) as epoch ms. */
export const at = (date: string, time = "12:00") => zonedTime(date, time.slice(0, 5), "Asia/Seoul") + Number(time.slice(6, 8) || 0) * 1000;

export function customer(db: Db, phone: string, name = "손님"): number {
  return db
    .insert(customers)
    .values({ phone, name, token: crypto.randomBytes(12).toString("base64url"), createdAt: 0 })
    .returning()
    .get().id;
}

let seq = 0;
export function order(
  db: Db,
  o: {
    customerId?: number | null;
    channel?: OrderChannel;
    status?: OrderStatus;
    pickupDate?: string;
    pickedUpAt?: number | null;
    arrivedAt?: number | null;
    total?: number;
    points?: number;
    placedAt?: number;
  },
): number {
  seq++;
  const pickupDate = o.pickupDate ?? (o.pickedUpAt ? localDate(o.pickedUpAt) : "2026-01-01");
  const row = db
    .insert(orders)
    .values({
      token: `t${seq}-${crypto.randomBytes(6).toString("hex")}`,
      code: `C${seq}`,
      channel: o.channel ?? "web",
      status: o.status ?? (o.pickedUpAt ? "picked_up" : "placed"),
      customerId: o.customerId ?? null,
      pickupDate,
      slotStart: "10:00",
      slotEnd: "11:00",
      subtotal: o.total ?? 10_000,
      total: o.total ?? 10_000,
      pointsEarned: o.points ?? 0,
      placedAt: o.placedAt ?? at(pickupDate, "08:00") - 86_400_000,
      arrivedAt: o.arrivedAt ?? null,
      pickedUpAt: o.pickedUpAt ?? null,
    })
    .returning()
    .get();
  refreshPurchaseSequence(db, { orderIds: [row.id] });
  refreshOutcomeDays(db, null, row);
  return row.id;
}

export function sale(db: Db, s: { customerId?: number | null; occurredAt: number; total?: number; points?: number }): number {
  const id = db
    .insert(storeSales)
    .values({
      occurredAt: s.occurredAt,
      saleDate: localDate(s.occurredAt),
      customerId: s.customerId ?? null,
      total: s.total ?? 5_000,
      pointsEarned: s.points ?? 0,
      source: "counter",
    })
    .returning()
    .get().id;
  refreshPurchaseSequence(db, { saleIds: [id] });
  return id;
}

export function inquiry(db: Db, createdAt: number, replyAfterMin: number | null): void {
  db.insert(inquiries)
    .values({ message: "문의", createdAt, firstReplyAt: replyAfterMin === null ? null : createdAt + replyAfterMin * 60_000 })
    .run();
}
