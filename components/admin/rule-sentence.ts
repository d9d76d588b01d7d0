/**
 * The ordering window in one plain sentence ("11월 25일 픽업 주문은 11월 24일 18:00에 열리고 …"),
 * shared by the pickup rules form (live, as the owner types) and the first-run checklist.
 * Pure: `t` is the `admin.pickup` translator from either next-intl entry point.
 */
import { formatDate } from "@/lib/format";
import type { RuleExample } from "@/lib/pickup/rule-example";
import { localDate, localTime } from "@/lib/shop/time";

type Translate = (key: "exampleDayBefore" | "exampleHours" | "exampleNoSlots", values: Record<string, string | number>) => string;

export function ruleSentence({
  example,
  t,
  locale,
  timezone,
}: {
  example: RuleExample;
  t: Translate;
  locale: string;
  timezone: string;
}): string {
  const day = (ms: number) => formatDate(localDate(ms, timezone), locale);
  const base = { date: formatDate(example.date, locale), opensDate: day(example.opensAt), opensTime: localTime(example.opensAt, timezone) };
  if (example.mode === "day_before") {
    return t("exampleDayBefore", { ...base, cutoffDate: day(example.cutoffAt), cutoffTime: localTime(example.cutoffAt, timezone) });
  }
  if (example.firstSlot && example.firstSlotCutoffAt !== null) {
    return t("exampleHours", {
      ...base,
      hours: example.hours,
      firstSlot: example.firstSlot,
      firstCutoff: `${day(example.firstSlotCutoffAt)} ${localTime(example.firstSlotCutoffAt, timezone)}`,
    });
  }
  return t("exampleNoSlots", base);
}
