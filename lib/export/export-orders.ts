/**
 * Orders and counter sales in the import format (docs/API.md), so that exporting and importing
 * into an empty database gives the same metrics. Instants keep their milliseconds
 * (`2026-02-03T10:15:00.250+09:00`) so lead times survive the round trip.
 * Orders are chosen by pickup date, sales by sale date, both shop-local and inclusive.
 */
import type { Db } from "@/db/client";
import { formatPhone } from "@/lib/customers/phone";
import { csvLine } from "@/lib/import/csv";
import { IMPORT_COLUMNS } from "@/lib/import/format";
import { findShopSettings } from "@/lib/shop/settings";
import { DEFAULT_TIMEZONE, isoInZone } from "@/lib/shop/time";

export function isoWithMillis(ms: number | null, timeZone: string): string {
  if (ms === null) return "";
  const iso = isoInZone(ms, timeZone);
  const frac = ((ms % 1000) + 1000) % 1000;
  return frac ? `${iso.slice(0, 19)}.${String(frac).padStart(3, "0")}${iso.slice(19)}` : iso;
}

type Row = {
  id: number;
  external_id: string | null;
  channel: string;
  phone: string | null;
  name: string | null;
  placed_at: number;
  pickup_date: string;
  status: string;
  arrived_at: number | null;
  completed_at: number | null;
  total: number;
  points_earned: number;
  items: string | null;
  prepaid: number;
  refunded: number;
  discount: number;
};

export function exportOrdersCsv({ db, from, to }: { db: Db; from?: string; to?: string }): string {
  const timeZone = findShopSettings({ db })?.timezone ?? DEFAULT_TIMEZONE;
  const params = { from: from ?? "0000-01-01", to: to ?? "9999-12-31" };
  const orderRows = db.$client
    .prepare(
      `SELECT o.id, o.external_id, o.channel, c.phone, coalesce(o.customer_name, c.name) AS name, o.placed_at, o.pickup_date, o.status, o.arrived_at,
              CASE o.status WHEN 'picked_up' THEN o.picked_up_at WHEN 'no_show' THEN o.no_show_at WHEN 'cancelled' THEN o.cancelled_at
                            WHEN 'ready' THEN o.ready_at END AS completed_at,
              o.total, o.points_earned, o.discount,
              (SELECT group_concat(i.product_name || ' x ' || i.quantity, '; ') FROM order_items i WHERE i.order_id = o.id) AS items,
              o.prepaid_amount AS prepaid, o.refunded_amount AS refunded
         FROM orders o LEFT JOIN customers c ON c.id = o.customer_id
        WHERE o.pickup_date >= @from AND o.pickup_date <= @to ORDER BY o.pickup_date, o.id`,
    )
    .all(params) as Row[];
  const saleRows = db.$client
    .prepare(
      `SELECT s.id, s.external_id, 'store' AS channel, c.phone, c.name, s.occurred_at AS placed_at, s.sale_date AS pickup_date,
              'picked_up' AS status, NULL AS arrived_at, s.occurred_at AS completed_at, s.total, s.points_earned, s.discount,
              (SELECT group_concat(i.product_name || ' x ' || i.quantity, '; ') FROM store_sale_items i WHERE i.sale_id = s.id) AS items,
              0 AS prepaid, 0 AS refunded
         FROM store_sales s LEFT JOIN customers c ON c.id = s.customer_id
        WHERE s.sale_date >= @from AND s.sale_date <= @to ORDER BY s.sale_date, s.id`,
    )
    .all(params) as Row[];

  const lines = [IMPORT_COLUMNS.join(",")];
  const write = (r: Row, prefix: string) =>
    lines.push(
      csvLine([
        // Rows made in this app get a stable id, so re-importing an export is idempotent too.
        r.external_id ?? `${prefix}-${r.id}`,
        r.channel,
        // Grouped with hyphens (010-6892-4670): a spreadsheet keeps it as text with its leading 0,
        // and the importer reads the grouped form.
        r.phone ? formatPhone(r.phone) : null,
        r.name,
        isoWithMillis(r.placed_at, timeZone),
        r.pickup_date,
        r.status,
        isoWithMillis(r.arrived_at, timeZone),
        isoWithMillis(r.completed_at, timeZone),
        r.total,
        r.points_earned,
        r.items,
        r.prepaid || null,
        r.refunded || null,
        r.discount || null,
      ]),
    );
  for (const r of orderRows) write(r, "dangol-order");
  for (const r of saleRows) write(r, "dangol-sale");
  return lines.join("\r\n") + "\r\n";
}
