/**
 * Messages that time, not a change, causes: pickup reminders (the evening before at 18:00
 * and/or an hour before the slot, as the owner chose), "not collected" when the slot ended
 * with the bag still waiting, and a review request the day after pickup at 10:00. Run by the
 * worker's tick; each has a dedupe key, so running the tick twice queues nothing twice.
 */
import { and, eq, gte, inArray, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { customers, orders, shopSettings, type Order } from "@/db/schema";
import { findShopSettings } from "@/lib/shop/settings";
import { addDays, localDate, zonedTime } from "@/lib/shop/time";
import { orderMessageParams } from "./order-messages";
import { enqueueMessage, type MessageTemplate } from "./outbox";

export const EVENING_REMINDER_TIME = "18:00";
export const REVIEW_REQUEST_TIME = "10:00";
const HOUR = 60 * 60_000;

export function enqueueScheduledMessages({ db, now = Date.now() }: { db: Db; now?: number }): number {
  const settings = findShopSettings({ db });
  if (!settings) return 0;
  const tz = settings.timezone;
  const today = localDate(now, tz);
  const yesterday = addDays(today, -1);
  const tomorrow = addDays(today, 1);
  return db.transaction(
    (tx) => {
      let queued = 0;
      const queue = (
        order: Order & { phone: string | null },
        template: MessageTemplate,
        key: string,
        extra: Record<string, string> = {},
      ) => {
        if (!order.customerId) return;
        const id = enqueueMessage({
          tx,
          now,
          to: { customerId: order.customerId, phone: order.phone },
          template,
          params: { ...orderMessageParams(order), ...extra },
          purpose: "transactional",
          locale: order.locale,
          dedupeKey: `${key}:order:${order.id}`,
        });
        if (id) queued++;
      };
      const candidates = tx
        .select({ order: orders, phone: customers.phone })
        .from(orders)
        .innerJoin(customers, eq(customers.id, orders.customerId))
        .where(and(gte(orders.pickupDate, yesterday), lte(orders.pickupDate, tomorrow), inArray(orders.status, ["placed", "ready"])))
        .all()
        .map((r) => ({ ...r.order, phone: r.phone }));
      for (const order of candidates) {
        const slotStart = zonedTime(order.pickupDate, order.slotStart, tz);
        const slotEnd = zonedTime(order.pickupDate, order.slotEnd, tz);
        const evening = zonedTime(addDays(order.pickupDate, -1), EVENING_REMINDER_TIME, tz);
        const timing = settings.reminderTiming;
        if ((timing === "evening_before" || timing === "both") && now >= evening && now < slotStart && order.placedAt < evening) {
          queue(order, "reminder", "reminder_evening", { when: "evening_before" });
        }
        if (
          (timing === "hour_before" || timing === "both") &&
          now >= slotStart - HOUR &&
          now < slotStart &&
          order.placedAt < slotStart - HOUR
        ) {
          queue(order, "reminder", "reminder_hour", { when: "hour_before" });
        }
        if (now >= slotEnd && now < slotEnd + 12 * HOUR) queue(order, "not_collected", "not_collected");
      }
      // The day after pickup, from 10:00 shop time.
      if (now >= zonedTime(today, REVIEW_REQUEST_TIME, tz)) {
        const from = zonedTime(yesterday, "00:00", tz);
        const to = zonedTime(today, "00:00", tz);
        const pickedUp = tx
          .select({ order: orders, phone: customers.phone })
          .from(orders)
          .innerJoin(customers, eq(customers.id, orders.customerId))
          .where(and(eq(orders.status, "picked_up"), gte(orders.pickedUpAt, from), lte(orders.pickedUpAt, to - 1)))
          .all();
        for (const r of pickedUp) queue({ ...r.order, phone: r.phone }, "review_request", "review_request");
      }
      return queued;
    },
    { behavior: "immediate" },
  );
}

export const REMINDER_TIMINGS = ["evening_before", "hour_before", "both", "off"] as const;
export type ReminderTiming = (typeof REMINDER_TIMINGS)[number];

export function setReminderTiming({ db, timing }: { db: Db; timing: ReminderTiming }): void {
  db.update(shopSettings).set({ reminderTiming: timing }).run();
}
