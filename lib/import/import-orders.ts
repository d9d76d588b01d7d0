/**
 * Historical orders and counter sales from CSV (API.md, "Import columns"). Each row is
 * validated on its own; a good row is written in its own IMMEDIATE transaction (customer,
 * unknown products, the order or sale, its items, its points), a bad row is reported with its
 * reasons and writes nothing. Idempotent on `external_id`: a row whose id is already in the
 * database — from an earlier import or earlier in the same file — is skipped.
 *
 * Choices: `points_earned` left empty means the history recorded none (0, no ledger entry);
 * a given amount is credited to the customer's ledger as that purchase's earning. Imported
 * pre-orders carry the slot 00:00–23:59 (the format has no slot). Unknown product names are
 * created inactive with price 0, so they never appear on the storefront.
 */
import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { ORDER_STATUSES, orderEvents, orderItems, orders, pointsLedger, products, storeSaleItems, storeSales, type OrderStatus } from "@/db/schema";
import { newToken, upsertCustomer } from "@/lib/customers/customers";
import { normalizePhone } from "@/lib/customers/phone";
import { AppError, errorText, translateError, type ErrorParams, type MessageKey } from "@/lib/errors";
import { DEFAULT_LOCALE, type Locale } from "@/i18n/messages";
import { generatePickupCode } from "@/lib/orders/place-order";
import { findShopSettings } from "@/lib/shop/settings";
import { DEFAULT_TIMEZONE, isDateString, localDate, zonedTime } from "@/lib/shop/time";
import { parseCsv } from "./csv";
import { IMPORT_COLUMNS, parseInstant, parseItems, REQUIRED_COLUMNS, type ImportColumn } from "./format";

export type ImportRowResult = {
  line: number;
  external_id: string;
  result: "imported" | "skipped" | "error";
  kind?: "order" | "sale";
  messages: string[];
};
export type ImportReport = { rows: number; imported: number; skipped: number; errors: number; results: ImportRowResult[] };

/** Rows per request; a bigger history goes in several files. */
export const MAX_IMPORT_ROWS = 20_000;
/** Bytes per request (about 20,000 rows of a typical history). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

type ValidRow = {
  externalId: string;
  channel: "web" | "phone" | "store";
  phone: string | null;
  name: string | null;
  placedAt: number;
  pickupDate: string;
  status: OrderStatus;
  arrivedAt: number | null;
  completedAt: number | null;
  total: number;
  points: number;
  items: { name: string; quantity: number }[];
};

function validateRow(get: (c: ImportColumn) => string, timeZone: string, locale: Locale): { row?: ValidRow; errors: string[] } {
  const errors: string[] = [];
  const problems = { push: (key: MessageKey, params?: ErrorParams) => errors.push(errorText(locale, key, params)) };
  const toInstant = (d: string, t: string) => zonedTime(d, t, timeZone);
  const instant = (c: ImportColumn, required: boolean): number | null => {
    const v = get(c);
    if (!v) {
      if (required) problems.push("import_column_empty", { column: c });
      return null;
    }
    const t = parseInstant(v, toInstant);
    if (t === null) problems.push("import_instant_invalid", { column: c, value: v });
    return t;
  };

  const externalId = get("external_id");
  if (!externalId) problems.push("import_column_empty", { column: "external_id" });
  else if (externalId.length > 100) problems.push("import_too_long", { column: "external_id", max: 100 });

  const channelText = get("channel");
  const channel = (["web", "phone", "store"] as const).find((c) => c === channelText);
  if (!channel) problems.push("import_channel_unknown", { value: channelText });

  const statusText = get("status");
  const status = ORDER_STATUSES.find((s) => s === statusText);
  if (!status) problems.push("import_status_unknown", { value: statusText });
  if (channel === "store" && status && status !== "picked_up") problems.push("import_store_status");

  const totalText = get("total");
  const total = Number(totalText);
  if (!/^-?\d+$/.test(totalText) || !Number.isSafeInteger(total)) problems.push("import_total_integer", { value: totalText });
  else if (total < 0) problems.push("import_total_negative", { value: totalText });

  const pointsText = get("points_earned");
  const points = pointsText ? Number(pointsText) : 0;
  if (pointsText && (!/^\d+$/.test(pointsText) || !Number.isSafeInteger(points))) problems.push("import_points_invalid", { value: pointsText });

  const phoneText = get("customer_phone");
  const phone = phoneText ? normalizePhone(phoneText) : null;
  if (phoneText && !phone) problems.push("import_phone_invalid", { value: phoneText });
  const name = get("customer_name") || null;
  if (name && name.length > 50) problems.push("import_too_long", { column: "customer_name", max: 50 });

  const isStore = channel === "store";
  const completedAt = instant("completed_at", status === "picked_up");
  const placedAt = instant("placed_at", !isStore);
  const arrivedAt = instant("arrived_at", false);

  const pickupText = get("pickup_date");
  if (pickupText && !isDateString(pickupText)) problems.push("import_pickup_date_format", { value: pickupText });
  else if (!pickupText && !isStore) problems.push("import_column_empty", { column: "pickup_date" });

  const items = parseItems(get("items"));
  if (!items) problems.push("import_items_invalid", { value: get("items") });
  else if (items.some((i) => i.name.length > 100)) problems.push("import_item_name_too_long");

  if (errors.length) return { errors };
  const at = completedAt ?? placedAt!;
  return {
    errors,
    row: {
      externalId,
      channel: channel!,
      phone,
      name,
      placedAt: placedAt ?? at,
      pickupDate: isStore ? localDate(completedAt!, timeZone) : pickupText,
      status: status!,
      arrivedAt,
      completedAt,
      total,
      points,
      items: items!,
    },
  };
}

function alreadyImported(db: DbOrTx, externalId: string): boolean {
  return (
    !!db.select({ id: orders.id }).from(orders).where(eq(orders.externalId, externalId)).get() ||
    !!db.select({ id: storeSales.id }).from(storeSales).where(eq(storeSales.externalId, externalId)).get()
  );
}

/** The product of that name, or a new inactive one. */
function productByName(tx: DbOrTx, name: string, at: number) {
  const found = tx.select({ id: products.id, price: products.price }).from(products).where(eq(products.name, name)).orderBy(products.id).get();
  if (found) return found;
  return tx.insert(products).values({ name, price: 0, active: false, createdAt: at, updatedAt: at }).returning({ id: products.id, price: products.price }).get();
}

const STATUS_STAMP: Partial<Record<OrderStatus, "pickedUpAt" | "noShowAt" | "cancelledAt" | "readyAt">> = {
  picked_up: "pickedUpAt",
  no_show: "noShowAt",
  cancelled: "cancelledAt",
  ready: "readyAt",
};

function writeRow(tx: DbOrTx, row: ValidRow): "order" | "sale" {
  const at = row.completedAt ?? row.placedAt;
  const customerId = row.phone ? upsertCustomer({ db: tx, phone: row.phone, name: row.name, at: row.placedAt }).id : null;
  const lines = row.items.map((i) => ({ ...i, product: productByName(tx, i.name, at) }));
  const earn = (sourceType: "order" | "sale", sourceId: number) => {
    if (customerId && row.points > 0) {
      tx.insert(pointsLedger).values({ customerId, delta: row.points, reason: "earn", sourceType, sourceId, createdAt: at }).onConflictDoNothing().run();
    }
  };

  if (row.channel === "store") {
    const sale = tx
      .insert(storeSales)
      .values({ externalId: row.externalId, occurredAt: row.completedAt!, saleDate: row.pickupDate, customerId, total: row.total, pointsEarned: row.points, source: "import", createdAt: at })
      .returning({ id: storeSales.id })
      .get();
    if (lines.length) {
      tx.insert(storeSaleItems).values(lines.map((l) => ({ saleId: sale.id, productId: l.product.id, productName: l.name, unitPrice: l.product.price, quantity: l.quantity }))).run();
    }
    earn("sale", sale.id);
    return "sale";
  }

  const stamp = STATUS_STAMP[row.status];
  const order = tx
    .insert(orders)
    .values({
      token: newToken(),
      code: generatePickupCode({ db: tx, pickupDate: row.pickupDate }),
      channel: row.channel,
      status: row.status,
      customerId,
      pickupDate: row.pickupDate,
      slotStart: "00:00",
      slotEnd: "23:59",
      paymentStatus: row.status === "picked_up" ? "paid" : "unpaid",
      subtotal: row.total,
      total: row.total,
      pointsEarned: row.status === "picked_up" ? row.points : 0,
      externalId: row.externalId,
      placedAt: row.placedAt,
      arrivedAt: row.arrivedAt,
      ...(stamp && row.completedAt !== null ? { [stamp]: row.completedAt } : {}),
    })
    .returning({ id: orders.id })
    .get();
  if (lines.length) {
    tx.insert(orderItems)
      .values(lines.map((l) => ({ orderId: order.id, productId: l.product.id, productName: l.name, unitPrice: l.product.price, quantity: l.quantity, lineTotal: l.product.price * l.quantity })))
      .run();
  }
  tx.insert(orderEvents).values({ orderId: order.id, fromStatus: null, toStatus: row.status, actorType: "system", note: "가져오기", at }) // hangul-ok: stored event note.run();
  if (row.status === "picked_up") earn("order", order.id);
  return "order";
}

/** Row messages are worded in `locale` (the caller's: API `Accept-Language`, form cookie, CLI `LANG`). */
export function importOrdersCsv({ db, csv, locale = DEFAULT_LOCALE }: { db: Db; csv: string; locale?: Locale }): ImportReport {
  const records = parseCsv(csv);
  if (!records.length) throw new AppError("validation", { message: "import_csv_empty" });
  const header = records[0].fields.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) throw new AppError("validation", { message: "import_columns_missing", params: { missing: missing.join(", "), columns: IMPORT_COLUMNS.join(", ") } });
  const rows = records.slice(1);
  if (rows.length > MAX_IMPORT_ROWS) throw new AppError("validation", { message: "import_too_many_rows", params: { max: MAX_IMPORT_ROWS } });
  const index = new Map(IMPORT_COLUMNS.map((c) => [c, header.indexOf(c)]));
  const timeZone = findShopSettings({ db })?.timezone ?? DEFAULT_TIMEZONE;

  const results: ImportRowResult[] = rows.map((rec) => {
    const get = (c: ImportColumn) => {
      const i = index.get(c)!;
      return i >= 0 ? (rec.fields[i] ?? "").trim() : "";
    };
    const externalId = get("external_id");
    const { row, errors } = validateRow(get, timeZone, locale);
    if (!row) return { line: rec.line, external_id: externalId, result: "error", messages: errors };
    try {
      const kind = db.transaction(
        (tx) => {
          if (alreadyImported(tx, row.externalId)) return null;
          return writeRow(tx, row);
        },
        { behavior: "immediate" },
      );
      if (!kind) return { line: rec.line, external_id: externalId, result: "skipped", messages: [errorText(locale, "import_row_done")] };
      return { line: rec.line, external_id: externalId, result: "imported", kind, messages: [] };
    } catch (e) {
      const message = e instanceof AppError ? translateError(e, locale).message : errorText(locale, "import_row_failed");
      if (!(e instanceof AppError)) console.error(e);
      return { line: rec.line, external_id: externalId, result: "error", messages: [message] };
    }
  });
  return {
    rows: results.length,
    imported: results.filter((r) => r.result === "imported").length,
    skipped: results.filter((r) => r.result === "skipped").length,
    errors: results.filter((r) => r.result === "error").length,
    results,
  };
}
