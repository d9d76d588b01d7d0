/** The import/export CSV format of docs/API.md, shared by both directions. */
export const IMPORT_COLUMNS = [
  "external_id",
  "channel",
  "customer_phone",
  "customer_name",
  "placed_at",
  "pickup_date",
  "status",
  "arrived_at",
  "completed_at",
  "total",
  "points_earned",
  "items",
  /** Paid online in advance and refunded of it (won; empty = 0). */
  "prepaid",
  "refunded",
  "discount",
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export const REQUIRED_COLUMNS: readonly ImportColumn[] = ["external_id", "channel", "status", "total"];

export function parseItems(text: string): { name: string; quantity: number }[] | null {
  const trimmed = text.trim();
  if (!trimmed) return [];
  const out: { name: string; quantity: number }[] = [];
  for (const part of trimmed.split(";")) {
    if (!part.trim()) continue;
    const m = /^(.+?)\s*[x×X]\s*(\d{1,5})$/.exec(part.trim());
    if (!m || !m[1].trim()) return null;
    const quantity = Number(m[2]);
    if (quantity <= 0) return null;
    out.push({ name: m[1].trim(), quantity });
  }
  return out;
}

/**
 * An instant: ISO 8601 with an offset (`2026-02-03T10:15:00+09:00`, `…Z`, fractional
 * seconds allowed) or, without an offset, shop-local wall-clock time (`2026-02-03 10:15`).
 */
export function parseInstant(text: string, localToInstant: (date: string, time: string) => number): number | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return null;
  const [, date, hh, mm, ss = "00", frac = "", zone] = m;
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return null;
  const check = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== date) return null;
  const ms = frac ? Math.round(Number(frac) * 1000) : 0;
  if (zone) {
    const iso = `${date}T${hh}:${mm}:${ss}${frac}${zone === "Z" ? "Z" : zone.includes(":") ? zone : zone.slice(0, 3) + ":" + zone.slice(3)}`;
    const t = Date.parse(iso);
    return Number.isNaN(t) ? null : t;
  }
  return localToInstant(date, `${hh}:${mm}`) + Number(ss) * 1000 + ms;
}
