import { describe, expect, it } from "vitest";
import { pickupIcs } from "./ics";

describe("pickupIcs", () => {
  const ics = pickupIcs({
    uid: "order-1@dangol",
    pickupDate: "2026-11-24",
    slotStart: "11:00",
    slotEnd: "12:00",
    timezone: "Asia/Seoul",
    title: "동네빵집 픽업 (K347)",
    description: "픽업 번호 K347, 우유식빵; 슬라이스",
    now: Date.UTC(2026, 10, 23, 9, 0, 0),
  });

  it("puts the pickup window in the shop's zone, written in UTC", () => {
    // 11:00 in Seoul (UTC+9) is 02:00 UTC.
    expect(ics).toContain("DTSTART:20261124T020000Z");
    expect(ics).toContain("DTEND:20261124T030000Z");
    expect(ics).toContain("DTSTAMP:20261123T090000Z");
  });
  it("escapes text and uses CRLF line ends", () => {
    expect(ics).toContain("DESCRIPTION:픽업 번호 K347\\, 우유식빵\\; 슬라이스");
    expect(ics.split("\r\n")[0]).toBe("BEGIN:VCALENDAR");
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
  });
  it("folds lines longer than 75 octets", () => {
    const long = pickupIcs({
      uid: "u",
      pickupDate: "2026-11-24",
      slotStart: "11:00",
      slotEnd: "12:00",
      timezone: "Asia/Seoul",
      title: "빵".repeat(60),
      description: "",
    });
    for (const line of long.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(long.replace(/\r\n /g, "")).toContain(`SUMMARY:${"빵".repeat(60)}`);
  });
});
