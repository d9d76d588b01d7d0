/**
 * Historical orders and counter sales from CSV (docs/API.md, "Import columns"). Each row is
 * validated on its own; a good row is written all or nothing (customer, unknown products, the
 * order or sale, its items, its points — a savepoint of its own), a bad row is reported with
 * its reasons and writes nothing. Idempotent on `external_id`: a row whose id is already in
 * the database — from an earlier import or earlier in the same file — is skipped.
 *
 * Rows go in chunks — at most IMPORT_CHUNK_ROWS rows or IMPORT_SLICE_MS of work, whichever
 * comes first — each chunk one IMMEDIATE transaction, with a short pause between chunks: a
 * 20,000-row file never holds the one server thread (or the write lock) for more than a slice,
 * and requests that arrive meanwhile get several event-loop turns to finish, on a slow
 * machine as on a fast one.
 *
 * Pre-orders still to be picked up (placed/ready/arrived on a pickup date from today on) take
 * that day's stock like any order: a row asking more than is available is refused and
 * reported, never written over the plan.
 *
 * Choices: `points_earned` left empty means the history recorded none (0, no ledger entry);
 * a given amount is credited to the customer's ledger as that purchase's earning. Imported
 * pre-orders carry the slot 00:00–23:59 (the format has no slot). Unknown product names are
 * created inactive with price 0, so they never appear on the storefront.
 */
import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { ORDER_STATUSES, orders, pointsLedger, products, storeSaleItems, storeSales, type OrderStatus } from "@/db/schema";
import { setTimeout as pause } from "node:timers/promises";
import { upsertCustomer } from "@/lib/customers/customers";
import { normalizePhone } from "@/lib/customers/phone";
import { stockForDate } from "@/lib/inventory/availability";
import { AppError, errorText, translateError, type ErrorParams, type MessageKey } from "@/lib/errors";
import { DEFAULT_LOCALE, type Locale } from "@/i18n/messages";
import { writeOrderRecord } from "@/lib/orders/order-record";
import { newReceiptToken } from "@/lib/receipts/receipts";
import { OPEN_STATUSES, statusStamp } from "@/lib/order-status-sets";
import { findShopSettings } from "@/lib/shop/settings";
import { DEFAULT_TIMEZONE, isDateString, localDate, zonedTime } from "@/lib/shop/time";
import { parseIntegerText } from "@/lib/validation/numbers";
import { nameProblem, normalizeName } from "@/lib/validation/text";
import { parseCsv, restoreCell, type CsvRecord } from "./csv";
import { IMPORT_COLUMNS, parseInstant, parseItems, REQUIRED_COLUMNS, type ImportColumn } from "./format";
import { refreshPurchaseSequence } from "@/lib/purchases/sequence";

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
/** Most rows per transaction; the import lets other requests run between chunks. */
export const IMPORT_CHUNK_ROWS = 200;
/** Work per chunk before the import steps aside, and how long it steps aside. */
export const IMPORT_SLICE_MS = 20;
export const IMPORT_PAUSE_MS = 5;
/** Most won one imported purchase may total (₩100,000,000), and most points it may have earned. */
export const MAX_IMPORT_TOTAL = 100_000_000;
export const MAX_IMPORT_POINTS = 1_000_000;

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
  /** Coupon discount already taken off `total` (empty: none). */
  discount: number;
  items: { name: string; quantity: number }[];
  prepaid: number;
  refunded: number;
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
  // A hold on stock cannot travel: an order still awaiting its prepayment comes in as expired.
  const status = statusText === "awaiting_payment" ? "expired" : ORDER_STATUSES.find((s) => s === statusText);
  if (!status) problems.push("import_status_unknown", { value: statusText });
  if (channel === "store" && status && status !== "picked_up") problems.push("import_store_status");

  const totalText = get("total");
  const total = parseIntegerText(totalText, { min: 0, max: MAX_IMPORT_TOTAL }) ?? 0;
  if (parseIntegerText(totalText) === null) problems.push("import_total_integer", { value: totalText });
  else if (parseIntegerText(totalText, { min: 0, max: MAX_IMPORT_TOTAL }) === null)
    problems.push("import_total_range", { value: totalText, max: MAX_IMPORT_TOTAL });

  const pointsText = get("points_earned");
  const points = pointsText ? (parseIntegerText(pointsText, { min: 0, max: MAX_IMPORT_POINTS }) ?? 0) : 0;
  if (pointsText && parseIntegerText(pointsText, { min: 0, max: MAX_IMPORT_POINTS }) === null)
    problems.push("import_points_range", { value: pointsText, max: MAX_IMPORT_POINTS });

  /** A won amount column (empty = 0); out of range is a problem named by `problem`. */
  const money = (
    c: "prepaid" | "refunded" | "discount",
    problem: "import_total_range" | "import_discount_range" = "import_total_range",
  ) => {
    const text = get(c);
    const v = text ? parseIntegerText(text, { min: 0, max: MAX_IMPORT_TOTAL }) : 0;
    if (v === null) problems.push(problem, { value: text, max: MAX_IMPORT_TOTAL });
    return v ?? 0;
  };
  const prepaid = money("prepaid");
  const refunded = Math.min(money("refunded"), prepaid);
  const discount = money("discount", "import_discount_range");

  const phoneText = get("customer_phone");
  const phone = phoneText ? normalizePhone(phoneText) : null;
  if (phoneText && !phone) problems.push("import_phone_invalid", { value: phoneText });
  const name = normalizeName(get("customer_name")) || null;
  const nameIssue = name ? nameProblem(name) : null;
  if (nameIssue)
    problems.push("import_column_problem", { column: "customer_name", problem: errorText(locale, nameIssue.code, nameIssue.params) });

  const isStore = channel === "store";
  const completedAt = instant("completed_at", status === "picked_up");
  const placedAt = instant("placed_at", !isStore);
  const arrivedAt = instant("arrived_at", false);

  const pickupText = get("pickup_date");
  if (pickupText && !isDateString(pickupText)) problems.push("import_pickup_date_format", { value: pickupText });
  else if (!pickupText && !isStore) problems.push("import_column_empty", { column: "pickup_date" });

  const items = parseItems(get("items"));
  if (!items) problems.push("import_items_invalid", { value: get("items") });
  else {
    for (const item of items) item.name = normalizeName(item.name);
    const itemIssue = items.map((i) => nameProblem(i.name, { max: 100 })).find((p) => p !== null);
    if (itemIssue)
      problems.push("import_column_problem", { column: "items", problem: errorText(locale, itemIssue.code, itemIssue.params) });
  }

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
      discount,
      items: items!,
      prepaid: isStore ? 0 : prepaid,
      refunded: isStore ? 0 : refunded,
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
  const found = tx
    .select({ id: products.id, price: products.price })
    .from(products)
    .where(eq(products.name, name))
    .orderBy(products.id)
    .get();
  if (found) return found;
  return tx
    .insert(products)
    .values({ name, price: 0, active: false, createdAt: at, updatedAt: at })
    .returning({ id: products.id, price: products.price })
    .get();
}

/** A pre-order still to be picked up takes that day's stock: refuse it when the plan has not enough left. */
function checkPlan(tx: DbOrTx, row: ValidRow, lines: { name: string; quantity: number; product: { id: number } }[], today: string): void {
  if (row.channel === "store" || !OPEN_STATUSES.includes(row.status) || row.pickupDate < today) return;
  const wanted = new Map<number, { name: string; quantity: number }>();
  for (const l of lines) {
    const w = wanted.get(l.product.id) ?? { name: l.name, quantity: 0 };
    w.quantity += l.quantity;
    wanted.set(l.product.id, w);
  }
  const stock = stockForDate({ db: tx, date: row.pickupDate, productIds: [...wanted.keys()] });
  const short = [...wanted].filter(([id, w]) => w.quantity > (stock.get(id)?.available ?? 0));
  if (short.length) {
    const list = short.map(([id, w]) => `${w.name} (${w.quantity} > ${stock.get(id)?.available ?? 0})`).join(", ");
    throw new AppError("sold_out", { message: "import_stock_exceeded", params: { date: row.pickupDate, list } });
  }
}

function writeRow(tx: DbOrTx, row: ValidRow, today: string): "order" | "sale" {
  const at = row.completedAt ?? row.placedAt;
  const customerId = row.phone ? upsertCustomer({ db: tx, phone: row.phone, name: row.name, at: row.placedAt }).id : null;
  const lines = row.items.map((i) => ({ ...i, product: productByName(tx, i.name, at) }));
  checkPlan(tx, row, lines, today);
  const earn = (sourceType: "order" | "sale", sourceId: number) => {
    if (customerId && row.points > 0) {
      tx.insert(pointsLedger)
        .values({ customerId, delta: row.points, reason: "earn", sourceType, sourceId, createdAt: at })
        .onConflictDoNothing()
        .run();
    }
  };

  if (row.channel === "store") {
    const sale = tx
      .insert(storeSales)
      .values({
        externalId: row.externalId,
        occurredAt: row.completedAt!,
        saleDate: row.pickupDate,
        customerId,
        total: row.total,
        discount: row.discount,
        pointsEarned: row.points,
        source: "import",
        receiptToken: newReceiptToken(),
        createdAt: at,
      })
      .returning({ id: storeSales.id })
      .get();
    if (lines.length) {
      tx.insert(storeSaleItems)
        .values(
          lines.map((l) => ({
            saleId: sale.id,
            productId: l.product.id,
            productName: l.name,
            unitPrice: l.product.price,
            quantity: l.quantity,
          })),
        )
        .run();
    }
    earn("sale", sale.id);
    refreshPurchaseSequence(tx, { saleIds: [sale.id] });
    return "sale";
  }

  const stamp = statusStamp(row.status);
  const order = writeOrderRecord(tx, {
    order: {
      channel: row.channel,
      status: row.status,
      customerId,
      customerName: row.name,
      pickupDate: row.pickupDate,
      slotStart: "00:00",
      slotEnd: "23:59",
      paymentStatus: row.status === "picked_up" || row.prepaid > 0 ? "paid" : "unpaid",
      ...(row.prepaid > 0
        ? { paymentMethod: "online" as const, prepaidAmount: row.prepaid, refundedAmount: row.refunded, refundOwed: row.refunded }
        : {}),
      subtotal: row.total + row.discount,
      discount: row.discount,
      total: row.total,
      pointsEarned: row.status === "picked_up" ? row.points : 0,
      externalId: row.externalId,
      placedAt: row.placedAt,
      arrivedAt: row.arrivedAt,
      ...(stamp && row.completedAt !== null ? { [stamp]: row.completedAt } : {}),
    },
    lines: lines.map((l) => ({ productId: l.product.id, productName: l.name, unitPrice: l.product.price, quantity: l.quantity })),
    history: [{ to: row.status, at, actorType: "system", note: "가져오기" }], // hangul-ok: stored event note
  });
  if (row.status === "picked_up") earn("order", order.id);
  return "order";
}

function importRecord(
  tx: DbOrTx,
  rec: CsvRecord,
  index: Map<ImportColumn, number>,
  timeZone: string,
  today: string,
  locale: Locale,
): ImportRowResult {
  const get = (c: ImportColumn) => {
    const i = index.get(c)!;
    return i >= 0 ? restoreCell(rec.fields[i] ?? "").trim() : "";
  };
  const externalId = get("external_id");
  const { row, errors } = validateRow(get, timeZone, locale);
  if (!row) return { line: rec.line, external_id: externalId, result: "error", messages: errors };
  try {
    // A savepoint: a row that fails halfway leaves nothing behind, the rest of its chunk goes on.
    const kind = tx.transaction((sp) => (alreadyImported(sp, row.externalId) ? null : writeRow(sp, row, today)));
    if (!kind) return { line: rec.line, external_id: externalId, result: "skipped", messages: [errorText(locale, "import_row_done")] };
    return { line: rec.line, external_id: externalId, result: "imported", kind, messages: [] };
  } catch (e) {
    const message = e instanceof AppError ? translateError(e, locale).message : errorText(locale, "import_row_failed");
    if (!(e instanceof AppError)) console.error(e);
    return { line: rec.line, external_id: externalId, result: "error", messages: [message] };
  }
}

/** Row messages are worded in `locale` (the caller's: API `Accept-Language`, form cookie, CLI `LANG`). */
export async function importOrdersCsv({
  db,
  csv,
  now = Date.now(),
  chunkRows = IMPORT_CHUNK_ROWS,
  locale = DEFAULT_LOCALE,
}: {
  db: Db;
  csv: string;
  now?: number;
  chunkRows?: number;
  locale?: Locale;
}): Promise<ImportReport> {
  const records = parseCsv(csv);
  if (!records.length) throw new AppError("validation", { message: "import_csv_empty" });
  const header = records[0].fields.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length)
    throw new AppError("validation", {
      message: "import_columns_missing",
      params: { missing: missing.join(", "), columns: IMPORT_COLUMNS.join(", ") },
    });
  const rows = records.slice(1);
  if (rows.length > MAX_IMPORT_ROWS)
    throw new AppError("validation", { message: "import_too_many_rows", params: { max: MAX_IMPORT_ROWS } });
  const index = new Map(IMPORT_COLUMNS.map((c) => [c, header.indexOf(c)]));
  const timeZone = findShopSettings({ db })?.timezone ?? DEFAULT_TIMEZONE;
  const today = localDate(now, timeZone);

  const results: ImportRowResult[] = [];
  let next = 0;
  while (next < rows.length) {
    const sliceEnd = performance.now() + IMPORT_SLICE_MS;
    const chunkEnd = Math.min(rows.length, next + chunkRows);
    db.transaction(
      (tx) => {
        do {
          results.push(importRecord(tx, rows[next], index, timeZone, today, locale));
          next++;
        } while (next < chunkEnd && performance.now() < sliceEnd);
      },
      { behavior: "immediate" },
    );
    // Let waiting requests run (a timer, not setImmediate: a request needs several turns).
    if (next < rows.length) await pause(IMPORT_PAUSE_MS);
  }
  return {
    rows: results.length,
    imported: results.filter((r) => r.result === "imported").length,
    skipped: results.filter((r) => r.result === "skipped").length,
    errors: results.filter((r) => r.result === "error").length,
    results,
  };
}
