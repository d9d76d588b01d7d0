import { describe, expect, it } from "vitest";
import { zonedTime } from "@/lib/shop/time";
import {
  cutoffAt,
  dateState,
  opensAt,
  slotCutoffAt,
  slotLabel,
  upcomingPickupDates,
  type ScheduleSettings,
  type SlotRule,
} from "./schedule";

const TZ = "Asia/Seoul";
const at = (date: string, time: string) => zonedTime(date, time, TZ);
const minus1min = (ms: number) => ms - 60_000;

const base: ScheduleSettings = {
  timezone: TZ,
  opensDaysBefore: 1,
  opensTime: "18:00",
  cutoffMode: "day_before",
  cutoffDaysBefore: 1,
  cutoffTime: "21:00",
  cutoffHoursBefore: 2,
  daysAhead: 7,
  closedWeekdays: [],
};

/** Hourly-ish windows on every weekday. */
function everyDay(times: [string, string][], capacity = 10): SlotRule[] {
  let id = 0;
  return Array.from({ length: 7 }, (_, weekday) =>
    times.map(([startTime, endTime]) => ({ id: ++id, weekday, startTime, endTime, capacity, active: true })),
  ).flat();
}
const slots = everyDay([
  ["09:00", "10:00"],
  ["15:00", "16:00"],
]);
const none = new Set<string>();

// 2026-03-09 is a Monday, 2026-03-10 a Tuesday.
const TUE = "2026-03-10";

describe("day_before cut-off (default: opens the day before at 18:00, closes at 21:00)", () => {
  it("is not open before 18:00 the day before, open from 18:00, closed from 21:00", () => {
    expect(dateState(TUE, minus1min(at("2026-03-09", "18:00")), base, slots, none)).toBe("not_open_yet");
    expect(dateState(TUE, at("2026-03-09", "18:00"), base, slots, none)).toBe("open");
    expect(dateState(TUE, minus1min(at("2026-03-09", "21:00")), base, slots, none)).toBe("open");
    expect(dateState(TUE, at("2026-03-09", "21:00"), base, slots, none)).toBe("cutoff_passed");
    expect(dateState(TUE, at(TUE, "08:00"), base, slots, none)).toBe("cutoff_passed");
  });

  it("gives every slot the date's one cut-off", () => {
    expect(slotCutoffAt(TUE, { startTime: "09:00" }, base)).toBe(at("2026-03-09", "21:00"));
    expect(slotCutoffAt(TUE, { startTime: "15:00" }, base)).toBe(at("2026-03-09", "21:00"));
    expect(cutoffAt(TUE, base, slots)).toBe(at("2026-03-09", "21:00"));
  });
});

describe("opening and cut-off across midnight", () => {
  // Opens the day before at 23:00, closes on the day itself at 00:30.
  const lateNight: ScheduleSettings = { ...base, opensDaysBefore: 1, opensTime: "23:00", cutoffDaysBefore: 0, cutoffTime: "00:30" };

  it("opens at 23:00 the day before and closes at 00:30 on the day", () => {
    expect(opensAt(TUE, lateNight)).toBe(at("2026-03-09", "23:00"));
    expect(cutoffAt(TUE, lateNight, slots)).toBe(at(TUE, "00:30"));
    expect(dateState(TUE, minus1min(at("2026-03-09", "23:00")), lateNight, slots, none)).toBe("not_open_yet");
    expect(dateState(TUE, at("2026-03-09", "23:00"), lateNight, slots, none)).toBe("open");
    expect(dateState(TUE, at(TUE, "00:10"), lateNight, slots, none)).toBe("open");
    expect(dateState(TUE, at(TUE, "00:30"), lateNight, slots, none)).toBe("cutoff_passed");
  });

  it("lists the date for 'today' just after midnight, while it is still open", () => {
    const listed = upcomingPickupDates(at(TUE, "00:10"), lateNight, slots, none);
    expect(listed[0]).toMatchObject({ date: TUE, state: "open" });
    expect(listed[0].slots.every((s) => s.open)).toBe(true);
    // Wednesday's window opens at 23:00 tonight.
    expect(listed[1]).toMatchObject({ date: "2026-03-11", state: "not_open_yet", opensAt: at(TUE, "23:00") });
  });

  it("drops the date from the listing once the cut-off at 00:30 has passed", () => {
    const listed = upcomingPickupDates(at(TUE, "00:31"), lateNight, slots, none);
    expect(listed.map((d) => d.date)).not.toContain(TUE);
    expect(listed[0].date).toBe("2026-03-11");
  });

  it("uses instants in the shop's zone, not the server's (00:30 KST is 15:30 UTC the day before)", () => {
    expect(new Date(at(TUE, "00:30")).toISOString()).toBe("2026-03-09T15:30:00.000Z");
  });
});

describe("hours_before_slot cut-off", () => {
  const hours: ScheduleSettings = { ...base, cutoffMode: "hours_before_slot", cutoffHoursBefore: 2 };

  it("closes each slot N hours before it starts and the date with its last slot", () => {
    expect(slotCutoffAt(TUE, { startTime: "09:00" }, hours)).toBe(at(TUE, "07:00"));
    expect(slotCutoffAt(TUE, { startTime: "15:00" }, hours)).toBe(at(TUE, "13:00"));
    expect(cutoffAt(TUE, hours, slots)).toBe(at(TUE, "13:00"));
    expect(dateState(TUE, at(TUE, "08:00"), hours, slots, none)).toBe("open");
    expect(dateState(TUE, at(TUE, "13:00"), hours, slots, none)).toBe("cutoff_passed");
  });

  it("shows the early slot closed and the late one open between their cut-offs", () => {
    const [today] = upcomingPickupDates(at(TUE, "08:00"), hours, slots, none);
    expect(today.date).toBe(TUE);
    expect(today.slots.map((s) => [s.label, s.open])).toEqual([
      ["09:00-10:00", false],
      ["15:00-16:00", true],
    ]);
  });

  it("reaches back across midnight when N is larger than the slot's hour", () => {
    const long: ScheduleSettings = { ...hours, cutoffHoursBefore: 10 };
    expect(slotCutoffAt(TUE, { startTime: "09:00" }, long)).toBe(at("2026-03-09", "23:00"));
  });
});

describe("closed days", () => {
  it("takes no orders on a closed weekday", () => {
    const mondaysOff: ScheduleSettings = { ...base, closedWeekdays: [1] };
    expect(dateState("2026-03-09", at("2026-03-08", "19:00"), mondaysOff, slots, none)).toBe("closed_day");
    expect(dateState(TUE, at("2026-03-09", "19:00"), mondaysOff, slots, none)).toBe("open");
  });

  it("takes no orders on a closed date, and leaves it out of the listing", () => {
    const holiday = new Set([TUE]);
    expect(dateState(TUE, at("2026-03-09", "19:00"), base, slots, holiday)).toBe("closed_day");
    const listed = upcomingPickupDates(at("2026-03-09", "19:00"), { ...base, opensDaysBefore: 7 }, slots, holiday).map((d) => d.date);
    expect(listed).not.toContain(TUE);
    expect(listed).toContain("2026-03-11");
  });

  it("treats a weekday without active slots as not offered", () => {
    const onlyInactiveTuesday = slots.map((s) => (s.weekday === 2 ? { ...s, active: false } : s));
    expect(dateState(TUE, at("2026-03-09", "19:00"), base, onlyInactiveTuesday, none)).toBe("no_slots");
  });
});

describe("slotLabel", () => {
  it("is the slot's public identifier", () => {
    expect(slotLabel({ startTime: "09:00", endTime: "10:00" })).toBe("09:00-10:00");
  });
});
