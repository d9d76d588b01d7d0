/**
 * The plain sentence that explains the ordering window for the next pickup day. Pure, so the
 * pickup-rules form shows it live as the owner edits, with no database in the browser.
 */
import type { ShopSettings } from "@/db/schema";
import { addDays, localDate } from "@/lib/shop/time";
import { cutoffAt, nextPickupDay, opensAt, slotCutoffAt, slotsForDate, type SlotRule } from "./schedule";

export type RuleExample =
  | { date: string; mode: "day_before"; opensAt: number; cutoffAt: number }
  | {
      date: string;
      mode: "hours_before_slot";
      opensAt: number;
      hours: number;
      firstSlot: string | null;
      firstSlotCutoffAt: number | null;
      cutoffAt: number;
    };

/**
 * "11월 25일 픽업 주문은 11월 24일 18:00에 열리고 21:00에 마감돼요": the moments for the
 * next pickup date (from tomorrow) the shop is open, under the given rules.
 */
export function ruleExample({
  settings,
  slots,
  closed = new Set(),
  now = Date.now(),
}: {
  settings: Pick<
    ShopSettings,
    | "timezone"
    | "opensDaysBefore"
    | "opensTime"
    | "cutoffMode"
    | "cutoffDaysBefore"
    | "cutoffTime"
    | "cutoffHoursBefore"
    | "daysAhead"
    | "closedWeekdays"
  >;
  slots: readonly SlotRule[];
  closed?: ReadonlySet<string>;
  now?: number;
}): RuleExample {
  const date = nextPickupDay(addDays(localDate(now, settings.timezone), 1), settings, slots, closed);
  const open = opensAt(date, settings);
  if (settings.cutoffMode === "day_before") return { date, mode: "day_before", opensAt: open, cutoffAt: cutoffAt(date, settings, slots) };
  const first = slotsForDate(date, slots)[0];
  return {
    date,
    mode: "hours_before_slot",
    opensAt: open,
    hours: settings.cutoffHoursBefore,
    firstSlot: first?.startTime ?? null,
    firstSlotCutoffAt: first ? slotCutoffAt(date, first, settings) : null,
    cutoffAt: cutoffAt(date, settings, slots),
  };
}
