import { describe, expect, it } from "vitest";
import { zonedTime } from "@/lib/shop/time";
import { errorText } from "@/lib/errors";
import { meetsNotice, minNoticeOf, noticeDeadline, noticeParams } from "./min-notice";

describe("product minimum notice", () => {
  it("reads the rule from its columns, hours first, nothing when unset", () => {
    expect(minNoticeOf({ minNoticeHours: null, minNoticeDayBeforeTime: null })).toBeNull();
    expect(minNoticeOf({ minNoticeHours: 24, minNoticeDayBeforeTime: null })).toEqual({ kind: "hours", hours: 24 });
    expect(minNoticeOf({ minNoticeHours: null, minNoticeDayBeforeTime: "20:00" })).toEqual({ kind: "day_before", time: "20:00" });
    expect(minNoticeOf({ minNoticeHours: 0, minNoticeDayBeforeTime: "nonsense" })).toBeNull();
  });

  it("closes N hours before the slot starts", () => {
    const notice = { kind: "hours", hours: 3 } as const;
    expect(noticeDeadline(notice, "2026-12-05", "14:00", "Asia/Seoul")).toBe(zonedTime("2026-12-05", "11:00"));
    expect(meetsNotice(notice, "2026-12-05", "14:00", "Asia/Seoul", zonedTime("2026-12-05", "10:59"))).toBe(true);
    expect(meetsNotice(notice, "2026-12-05", "14:00", "Asia/Seoul", zonedTime("2026-12-05", "11:00"))).toBe(false);
  });

  it("closes the day before at the set time, whatever the slot", () => {
    const notice = { kind: "day_before", time: "20:00" } as const;
    expect(noticeDeadline(notice, "2026-12-05", "18:00", "Asia/Seoul")).toBe(zonedTime("2026-12-04", "20:00"));
    // The cake case: same-day ordering is open, but the cake is not.
    expect(meetsNotice(notice, "2026-12-05", "15:00", "Asia/Seoul", zonedTime("2026-12-05", "09:00"))).toBe(false);
    expect(meetsNotice(notice, "2026-12-05", "15:00", "Asia/Seoul", zonedTime("2026-12-04", "19:59"))).toBe(true);
    expect(meetsNotice(null, "2026-12-05", "15:00", "Asia/Seoul", zonedTime("2026-12-05", "14:59"))).toBe(true);
  });

  it("says the rule as the shop would", () => {
    expect(errorText("ko", "product_notice_rule", noticeParams({ kind: "day_before", time: "20:00" }))).toBe("하루 전 20:00까지 주문");
    expect(errorText("ko", "product_notice_rule", noticeParams({ kind: "hours", hours: 24 }))).toBe("픽업 24시간 전까지 주문");
    expect(errorText("en", "product_notice_rule", noticeParams({ kind: "hours", hours: 24 }))).toBe("order 24 hours before pickup");
  });
});
