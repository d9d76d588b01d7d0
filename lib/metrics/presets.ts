/** Dashboard date ranges: presets and explicit from/to, both kept in the URL. */
import { addDays, isDateString } from "@/lib/shop/time";

export const PRESETS = ["7d", "30d", "90d", "this_month", "last_month"] as const;
export type Preset = (typeof PRESETS)[number];

export function presetRange(preset: Preset, today: string): { from: string; to: string } {
  const [y, m] = today.split("-").map(Number);
  const monthStart = (yy: number, mm: number) => `${yy}-${String(mm).padStart(2, "0")}-01`;
  switch (preset) {
    case "7d":
      return { from: addDays(today, -6), to: today };
    case "30d":
      return { from: addDays(today, -29), to: today };
    case "90d":
      return { from: addDays(today, -89), to: today };
    case "this_month":
      return { from: monthStart(y, m), to: today };
    case "last_month": {
      const [py, pm] = m === 1 ? [y - 1, 12] : [y, m - 1];
      return { from: monthStart(py, pm), to: addDays(monthStart(y, m), -1) };
    }
  }
}

/** `?range=30d` or `?from=…&to=…`; anything else falls back to the last 30 days. */
export function rangeFromSearch(
  search: { range?: string; from?: string; to?: string },
  today: string,
): { from: string; to: string; preset: Preset | null } {
  if (search.from && search.to && isDateString(search.from) && isDateString(search.to) && search.from <= search.to) {
    return { from: search.from, to: search.to, preset: null };
  }
  const preset = (PRESETS as readonly string[]).includes(search.range ?? "") ? (search.range as Preset) : "90d";
  return { ...presetRange(preset, today), preset };
}
