/**
 * When a pickup date can be ordered for. Pure functions over the shop's settings, so the
 * storefront, the API and the tests share one reading of "open" and "cut-off".
 *
 * - Ordering for date D opens `opensDaysBefore` days before D at `opensTime` (shop time).
 * - `day_before` cut-off: closes `cutoffDaysBefore` days before D at `cutoffTime`
 *   (default: the day before at 21:00).
 * - `hours_before_slot` cut-off: each slot closes `cutoffHoursBefore` hours before it starts;
 *   the date closes when its last slot does.
 * - Closed weekdays and closed dates take no orders.
 */
import { addDays, localDate, weekdayOf, zonedTime } from "@/lib/shop/time";

export type ScheduleSettings = {
  timezone: string;
  opensDaysBefore: number;
  opensTime: string;
  cutoffMode: "day_before" | "hours_before_slot";
  cutoffDaysBefore: number;
  cutoffTime: string;
  cutoffHoursBefore: number;
  daysAhead: number;
  closedWeekdays: number[];
};

export type SlotRule = { id: number; weekday: number; startTime: string; endTime: string; capacity: number; active: boolean };

export type DateState = "open" | "not_open_yet" | "cutoff_passed" | "closed_day" | "no_slots";

/** The slot's public identifier, as the API and the storefront send it: `11:00-12:00`. */
export function slotLabel(slot: { startTime: string; endTime: string }): string {
  return `${slot.startTime}-${slot.endTime}`;
}

export function isClosedDate(date: string, settings: Pick<ScheduleSettings, "closedWeekdays">, closedDates: ReadonlySet<string>): boolean {
  return closedDates.has(date) || settings.closedWeekdays.includes(weekdayOf(date));
}

export function slotsForDate(date: string, slots: readonly SlotRule[]): SlotRule[] {
  const weekday = weekdayOf(date);
  return slots.filter((s) => s.active && s.weekday === weekday).sort((a, b) => a.startTime.localeCompare(b.startTime));
}

/** The first date from `from` (within two weeks) the shop is open with a pickup slot; `from` itself when none is. */
export function nextPickupDay(
  from: string,
  s: Pick<ScheduleSettings, "closedWeekdays">,
  slots: readonly SlotRule[],
  closedDates: ReadonlySet<string>,
): string {
  for (let i = 0; i < 14; i++) {
    const d = addDays(from, i);
    if (!isClosedDate(d, s, closedDates) && slotsForDate(d, slots).length > 0) return d;
  }
  return from;
}

export function opensAt(date: string, s: ScheduleSettings): number {
  return zonedTime(addDays(date, -s.opensDaysBefore), s.opensTime, s.timezone);
}

/** When one slot stops taking orders. */
export function slotCutoffAt(date: string, slot: Pick<SlotRule, "startTime">, s: ScheduleSettings): number {
  if (s.cutoffMode === "hours_before_slot") {
    return zonedTime(date, slot.startTime, s.timezone) - s.cutoffHoursBefore * 3_600_000;
  }
  return zonedTime(addDays(date, -s.cutoffDaysBefore), s.cutoffTime, s.timezone);
}

/** When the date stops taking orders: its last slot's cut-off (one time in `day_before` mode). */
export function cutoffAt(date: string, s: ScheduleSettings, slots: readonly SlotRule[]): number {
  const daySlots = slotsForDate(date, slots);
  if (s.cutoffMode === "day_before" || daySlots.length === 0) {
    return zonedTime(addDays(date, -s.cutoffDaysBefore), s.cutoffTime, s.timezone);
  }
  return Math.max(...daySlots.map((slot) => slotCutoffAt(date, slot, s)));
}

export function dateState(
  date: string,
  now: number,
  s: ScheduleSettings,
  slots: readonly SlotRule[],
  closedDates: ReadonlySet<string>,
): DateState {
  if (isClosedDate(date, s, closedDates)) return "closed_day";
  if (slotsForDate(date, slots).length === 0) return "no_slots";
  if (now < opensAt(date, s)) return "not_open_yet";
  if (now >= cutoffAt(date, s, slots)) return "cutoff_passed";
  return "open";
}

export type PickupDateInfo = {
  date: string;
  state: DateState;
  opensAt: number;
  cutoffAt: number;
  slots: (SlotRule & { label: string; cutoffAt: number; open: boolean })[];
};

/**
 * The dates from today through `daysAhead` days on which the shop takes pickups and whose
 * cut-off has not passed: those open now and those that open later.
 */
export function upcomingPickupDates(
  now: number,
  s: ScheduleSettings,
  slots: readonly SlotRule[],
  closedDates: ReadonlySet<string>,
): PickupDateInfo[] {
  const today = localDate(now, s.timezone);
  const result: PickupDateInfo[] = [];
  for (let i = 0; i <= s.daysAhead; i++) {
    const date = addDays(today, i);
    const state = dateState(date, now, s, slots, closedDates);
    if (state === "closed_day" || state === "no_slots" || state === "cutoff_passed") continue;
    const open = opensAt(date, s);
    result.push({
      date,
      state,
      opensAt: open,
      cutoffAt: cutoffAt(date, s, slots),
      slots: slotsForDate(date, slots).map((slot) => {
        const slotCutoff = slotCutoffAt(date, slot, s);
        return { ...slot, label: slotLabel(slot), cutoffAt: slotCutoff, open: now >= open && now < slotCutoff };
      }),
    });
  }
  return result;
}

/** The next moment ordering opens for any date, for "주문은 …에 열려요". */
export function nextOpening(
  now: number,
  s: ScheduleSettings,
  slots: readonly SlotRule[],
  closedDates: ReadonlySet<string>,
): { date: string; opensAt: number } | null {
  const today = localDate(now, s.timezone);
  for (let i = 0; i <= s.daysAhead + 14; i++) {
    const date = addDays(today, i);
    if (dateState(date, now, s, slots, closedDates) === "not_open_yet") return { date, opensAt: opensAt(date, s) };
  }
  return null;
}

/** When "도착했어요" opens for an order: the shop's `checkInOpensMinutes` before its slot starts. */
export function checkInOpensAt(
  order: { pickupDate: string; slotStart: string },
  s: { timezone: string; checkInOpensMinutes: number },
): number {
  return zonedTime(order.pickupDate, order.slotStart, s.timezone) - s.checkInOpensMinutes * 60_000;
}

/** When an order's pickup slot ends: calling it a no-show before then is early. */
export function slotEndsAt(order: { pickupDate: string; slotEnd: string }, s: { timezone: string }): number {
  return zonedTime(order.pickupDate, order.slotEnd, s.timezone);
}
