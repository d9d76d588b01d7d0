/**
 * The date range every metric is computed over: shop-local calendar dates `from..to`,
 * inclusive of both, turned into the epoch-millisecond instants SQL filters on.
 *
 * Local dates in SQL are `date((ms + offset) / 1000, 'unixepoch')` with the zone's UTC
 * offset computed here, in JS, for the range. That assumes the zone keeps one offset over
 * the range and its follow-up window (true for the default Asia/Seoul, UTC+9, which has no
 * DST). For a zone with DST, `resolveRange` throws rather than silently shifting purchases
 * near the change by a day.
 */
import type { Db } from "@/db/client";
import { AppError, type FieldErrorsInput } from "@/lib/errors";
import { addDays, daysBetween, DEFAULT_TIMEZONE, isDateString, localDate, zonedTime } from "@/lib/shop/time";

/** What every metric function takes: the database, the range, and (in `Extra`) values already read that it may reuse. */
export type MetricArgs<Extra extends object = object> = { db: Db; range: MetricRange } & Extra;

export type MetricRange = {
  from: string;
  to: string;
  timeZone: string;
  /** First instant of `from`, shop-local. */
  startMs: number;
  /** First instant after `to` (exclusive end). */
  endMs: number;
  /** The zone's UTC offset in ms, fixed over the range and its follow-up window. */
  offsetMs: number;
  now: number;
  /** Today's shop-local date at `now`. */
  today: string;
};

/** The longest follow-up any metric needs after `to` (60-day revisit). */
export const MAX_FOLLOW_UP_DAYS = 60;

/** The longest range the API and dashboard accept (keeps one request bounded). */
export const MAX_RANGE_DAYS = 800;

function ymd(d: string): [number, number, number] {
  const [y, m, dd] = d.split("-").map(Number);
  return [y, m - 1, dd];
}

export function resolveRange({
  from,
  to,
  now,
  timeZone = DEFAULT_TIMEZONE,
}: {
  from: string;
  to: string;
  now: number;
  timeZone?: string;
}): MetricRange {
  const fields: FieldErrorsInput = {};
  if (!isDateString(from)) fields.from = "range_from_format";
  if (!isDateString(to)) fields.to = "range_to_format";
  if (Object.keys(fields).length) throw new AppError("validation", { fields });
  if (to < from) throw new AppError("validation", { message: "range_reversed", fields: { to: "range_reversed" } });
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) {
    throw new AppError("validation", { message: "range_too_long", params: { max: MAX_RANGE_DAYS }, fields: { to: "range_too_long" } });
  }
  const startMs = zonedTime(from, "00:00", timeZone);
  const endMs = zonedTime(addDays(to, 1), "00:00", timeZone);
  // Local wall clock = UTC + offset (Seoul: +9 h).
  const offsetMs = Date.UTC(...ymd(from)) - startMs;
  const followEnd = zonedTime(addDays(to, MAX_FOLLOW_UP_DAYS + 1), "00:00", timeZone);
  const followOffset = Date.UTC(...ymd(addDays(to, MAX_FOLLOW_UP_DAYS + 1))) - followEnd;
  if (followOffset !== offsetMs || Date.UTC(...ymd(addDays(to, 1))) - endMs !== offsetMs) {
    throw new AppError("validation", { message: "range_offset_changes" });
  }
  return { from, to, timeZone, startMs, endMs, offsetMs, now, today: localDate(now, timeZone) };
}

/** The range of equal length just before `range` (for "change vs previous period"). */
export function previousRange(range: MetricRange): MetricRange {
  const days = daysBetween(range.from, range.to) + 1;
  return resolveRange({ from: addDays(range.from, -days), to: addDays(range.from, -1), now: range.now, timeZone: range.timeZone });
}

/** Instant at the start of a shop-local date, within the range's fixed offset. */
export function startOfDate(range: MetricRange, date: string): number {
  return Date.UTC(...ymd(date)) - range.offsetMs;
}
