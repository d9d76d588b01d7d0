import { describe, expect, it } from "vitest";
import { zonedTime } from "@/lib/shop/time";
import type { RackCard } from "./board";
import { stillInSlot } from "./close-out-rule";

const card = (status: RackCard["status"], slotEnd: string) => ({ status, slotEnd }) as RackCard;
const board = {
  date: "2026-11-24",
  timezone: "Asia/Seoul",
  cards: [card("placed", "11:00"), card("ready", "13:00"), card("arrived", "19:00"), card("picked_up", "19:00"), card("no_show", "19:00")],
};

describe("stillInSlot", () => {
  it("counts uncollected orders whose window has not ended on the shop's clock", () => {
    expect(stillInSlot({ board, now: zonedTime("2026-11-24", "12:30", "Asia/Seoul") })).toBe(2);
    expect(stillInSlot({ board, now: zonedTime("2026-11-24", "19:00", "Asia/Seoul") })).toBe(0);
    expect(stillInSlot({ board, now: zonedTime("2026-11-24", "01:50", "Asia/Seoul") })).toBe(3);
  });
  it("treats a past day as over and a future day as not started", () => {
    expect(stillInSlot({ board, now: zonedTime("2026-11-25", "08:00", "Asia/Seoul") })).toBe(0);
    expect(stillInSlot({ board, now: zonedTime("2026-11-23", "22:00", "Asia/Seoul") })).toBe(3);
  });
});
