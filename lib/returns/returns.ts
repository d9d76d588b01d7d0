/**
 * Returns and exchanges (반품·교환) of any purchase from any channel: a picked-up order or a
 * counter sale, whole (`items` empty) or some items. One IMMEDIATE transaction checks that no
 * more is returned than was bought (earlier returns counted), writes the return and its
 * lines, takes back the points earned on the returned items with a new ledger entry (the
 * ledger is never edited), and — when asked, for a purchase of today — puts the goods back
 * into today's plan so they are available again (restock-alert waiters are told).
 * An exchange may also record what the shop handed over (`given`): those goods leave that
 * day's stock like a counter sale's (beyond what is left: the line's excess), without being a
 * purchase — no revenue, no points.
 *
 * Money: each line's share of the purchase total is its price × quantity scaled by
 * total ÷ list total (discounts shared out); returned units are worth their share, rounded
 * down, and the last units of a line take what is left of it so a full return is exact.
 * Points: the rate stored on the purchase's credit applied to the returned amount (rounded
 * down), never more than what still stands; returning everything takes back all that stands.
 * The refund is what the shop paid back (it may be less than the returned amount, e.g. an
 * exchange), never more.
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import {
  dailyPlans,
  orderItems,
  purchaseExchangeItems,
  orders,
  pointsLedger,
  purchaseReturnItems,
  purchaseReturns,
  REFUND_METHODS,
  storeSaleItems,
  storeSales,
  type PurchaseReturn,
} from "@/db/schema";
import { AppError, parseOrThrow } from "@/lib/errors";
import { stockForDate } from "@/lib/inventory/availability";
import { listProductsWithOptions } from "@/lib/products/catalogue";
import { requestHash } from "@/lib/request-hash";
import { pointsForPurchase } from "@/lib/points/policy";
import { notifyRestock } from "@/lib/restock/alerts";
import { saleInput } from "@/lib/sales/record-sale";
import { getShopSettings } from "@/lib/shop/settings";
import { localDate } from "@/lib/shop/time";
import { numeric } from "@/lib/validation/numbers";
import { refreshPurchaseSequence } from "@/lib/purchases/sequence";

const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** How many handed-over lines the staff form offers (the API takes up to 50). */
export const GIVEN_LINES = 2;

export const returnInput = z
  .object({
    external_id: z.string().trim().min(1, "external_id_required").max(100, "external_id_too_long").optional(),
    order_id: numeric(z.number({ error: "return_purchase_required" }).int().positive().optional()),
    sale_id: numeric(z.number({ error: "return_purchase_required" }).int().positive().optional()),
    kind: z.enum(["return", "exchange"], { error: "return_kind" }).optional().default("return"),
    items: z.array(saleInput.shape.items.element).max(50, "sale_lines_max").optional().default([]),
    /** Exchange only: what the shop handed over in its place. */
    given: z.array(saleInput.shape.items.element).max(50, "sale_lines_max").optional().default([]),
    refund: numeric(z.number({ error: "return_refund" }).int("amount_integer").min(0, "amount_min")),
    method: z.enum(REFUND_METHODS, { error: "return_method" }),
    occurred_at: saleInput.shape.occurred_at,
    /** Put the goods back into today's available stock (only for a purchase of today). */
    restock: z.boolean().optional().default(false),
    note: z.string().trim().max(500, "note_too_long").optional().default(""),
  })
  .refine((v) => (v.order_id === undefined) !== (v.sale_id === undefined), { message: "return_purchase_required", path: ["order_id"] })
  .refine((v) => v.kind === "exchange" || v.given.length === 0, { message: "return_given_exchange_only", path: ["given"] });
export type ReturnInput = z.input<typeof returnInput>;
export type ParsedReturnInput = z.output<typeof returnInput>;

type PurchaseRef = { type: "order"; id: number } | { type: "sale"; id: number };

type PurchaseLine = { productId: number; name: string; quantity: number; share: number };
type Purchase = { ref: PurchaseRef; customerId: number | null; date: string; total: number; lines: PurchaseLine[] };

/** Share `total` over lines by price × quantity; rounding leftovers go to the first lines. */
function shareOut(total: number, lines: { productId: number; name: string; quantity: number; list: number }[]): PurchaseLine[] {
  const listTotal = lines.reduce((s, l) => s + l.list, 0);
  const shares = lines.map((l) => (listTotal > 0 ? Math.floor((l.list * total) / listTotal) : 0));
  let left = total - shares.reduce((s, v) => s + v, 0);
  for (let i = 0; left > 0 && lines.length; i = (i + 1) % lines.length, left--) shares[i]++;
  return lines.map((l, i) => ({ productId: l.productId, name: l.name, quantity: l.quantity, share: shares[i] }));
}

function loadPurchase({ tx, ref }: { tx: DbOrTx; ref: PurchaseRef }): Purchase {
  if (ref.type === "order") {
    const order = tx.select().from(orders).where(eq(orders.id, ref.id)).get();
    if (!order) throw new AppError("not_found", { message: "order_not_found" });
    if (order.status !== "picked_up") throw new AppError("invalid_transition", { message: "return_not_purchased" });
    const rows = tx
      .select({
        productId: orderItems.productId,
        name: sql<string>`min(${orderItems.productName})`,
        quantity: sql<number>`sum(${orderItems.quantity})`,
        list: sql<number>`sum(${orderItems.lineTotal})`,
      })
      .from(orderItems)
      .where(eq(orderItems.orderId, order.id))
      .groupBy(orderItems.productId)
      .all();
    return { ref, customerId: order.customerId, date: order.pickupDate, total: order.total, lines: shareOut(order.total, rows) };
  }
  const sale = tx.select().from(storeSales).where(eq(storeSales.id, ref.id)).get();
  if (!sale) throw new AppError("not_found", { message: "sale_not_found" });
  const rows = tx
    .select({
      productId: storeSaleItems.productId,
      name: sql<string>`min(${storeSaleItems.productName})`,
      quantity: sql<number>`sum(${storeSaleItems.quantity})`,
      list: sql<number>`sum(${storeSaleItems.unitPrice} * ${storeSaleItems.quantity})`,
    })
    .from(storeSaleItems)
    .where(eq(storeSaleItems.saleId, sale.id))
    .groupBy(storeSaleItems.productId)
    .all();
  return { ref, customerId: sale.customerId, date: sale.saleDate, total: sale.total, lines: shareOut(sale.total, rows) };
}

const purchaseFilter = (ref: PurchaseRef) =>
  ref.type === "order" ? eq(purchaseReturns.orderId, ref.id) : eq(purchaseReturns.saleId, ref.id);

/** Units and money already returned per product of a purchase, and points already taken back. */
function earlierReturns({ tx, ref }: { tx: DbOrTx; ref: PurchaseRef }) {
  const rows = tx
    .select({
      productId: purchaseReturnItems.productId,
      quantity: sql<number>`sum(${purchaseReturnItems.quantity})`,
      amount: sql<number>`sum(${purchaseReturnItems.amount})`,
    })
    .from(purchaseReturnItems)
    .innerJoin(purchaseReturns, eq(purchaseReturns.id, purchaseReturnItems.returnId))
    .where(purchaseFilter(ref))
    .groupBy(purchaseReturnItems.productId)
    .all();
  const points =
    tx
      .select({ n: sql<number>`coalesce(sum(${purchaseReturns.pointsReversed}), 0)` })
      .from(purchaseReturns)
      .where(purchaseFilter(ref))
      .get()?.n ?? 0;
  return {
    byProduct: new Map(rows.map((r) => [r.productId, { quantity: Number(r.quantity), amount: Number(r.amount) }])),
    points: Number(points),
  };
}

/** Points a purchase's credits still hold (earned minus undone), and the rate they were earned at. */
function standingCredit({ tx, ref }: { tx: DbOrTx; ref: PurchaseRef }): { points: number; rateBp: number | null } {
  const rows = tx
    .select({ delta: pointsLedger.delta, reason: pointsLedger.reason, rateBp: pointsLedger.rateBp })
    .from(pointsLedger)
    .where(and(eq(pointsLedger.sourceType, ref.type), eq(pointsLedger.sourceId, ref.id), inArray(pointsLedger.reason, ["earn", "reverse"])))
    .orderBy(desc(pointsLedger.id))
    .all();
  const latestEarn = rows.find((r) => r.reason === "earn");
  return { points: rows.reduce((s, r) => s + r.delta, 0), rateBp: latestEarn?.rateBp ?? null };
}

type GivenLine = { productId: number; name: string; quantity: number };

export type RecordedReturn = {
  ret: PurchaseReturn;
  items: { productId: number; name: string; quantity: number; amount: number }[];
  given: GivenLine[];
  created: boolean;
};

function loadGivenItems(db: DbOrTx, returnIds: number[]): (GivenLine & { returnId: number })[] {
  return db
    .select({
      returnId: purchaseExchangeItems.returnId,
      productId: purchaseExchangeItems.productId,
      name: purchaseExchangeItems.productName,
      quantity: purchaseExchangeItems.quantity,
    })
    .from(purchaseExchangeItems)
    .where(inArray(purchaseExchangeItems.returnId, returnIds))
    .all();
}

/**
 * Write what an exchange handed over: active products only; each line takes that day's stock,
 * and what it takes beyond what is left is its excess (the exchange stands, like a sale).
 */
function recordGiven({
  tx,
  returnId,
  given,
  date,
  now,
}: {
  tx: DbOrTx;
  returnId: number;
  given: ParsedReturnInput["given"];
  date: string;
  now: number;
}): GivenLine[] {
  if (given.length === 0) return [];
  const wanted = new Map<number, number>();
  for (const item of given) wanted.set(item.product_id, (wanted.get(item.product_id) ?? 0) + item.quantity);
  const productIds = [...wanted.keys()];
  const catalogue = new Map(listProductsWithOptions({ db: tx, ids: productIds }).map((p) => [p.id, p]));
  const fields: Record<string, "product_not_sold_field"> = {};
  given.forEach((item, index) => {
    if (!catalogue.get(item.product_id)?.active) fields[`given.${index}.product_id`] = "product_not_sold_field";
  });
  if (Object.keys(fields).length) throw new AppError("validation", { message: "product_not_sold", fields });
  const stock = stockForDate({ db: tx, date, productIds, now });
  const lines = productIds.map((productId) => ({
    returnId,
    productId,
    productName: catalogue.get(productId)!.name,
    quantity: wanted.get(productId)!,
    date,
    excess: Math.max(0, wanted.get(productId)! - (stock.get(productId)?.available ?? 0)),
  }));
  tx.insert(purchaseExchangeItems).values(lines).run();
  return lines.map((l) => ({ productId: l.productId, name: l.productName, quantity: l.quantity }));
}

function loadReturnItems(db: DbOrTx, returnId: number): RecordedReturn["items"] {
  return db
    .select({
      productId: purchaseReturnItems.productId,
      name: purchaseReturnItems.productName,
      quantity: purchaseReturnItems.quantity,
      amount: purchaseReturnItems.amount,
    })
    .from(purchaseReturnItems)
    .where(eq(purchaseReturnItems.returnId, returnId))
    .all();
}

/**
 * Record a return in one IMMEDIATE transaction (see the module comment). `external_id`: the
 * same id with the same body returns the first return and writes nothing; another body is
 * refused (`idempotency_conflict`). More than was bought: `return_exceeds_purchase` (409).
 */
export function recordReturn({
  db,
  input,
  source,
  actorUserId = null,
  now = Date.now(),
}: {
  db: Db;
  input: unknown;
  source: "staff" | "api";
  actorUserId?: number | null;
  now?: number;
}): RecordedReturn {
  const parsed = parseOrThrow(returnInput, input);
  const hash = parsed.external_id ? requestHash({ ret: parsed }) : null;
  return db.transaction(
    (tx) => {
      if (parsed.external_id) {
        const existing = tx.select().from(purchaseReturns).where(eq(purchaseReturns.externalId, parsed.external_id)).get();
        if (existing) {
          if (existing.requestHash !== hash) throw new AppError("idempotency_conflict", { message: "return_external_id_conflict" });
          return { ret: existing, items: loadReturnItems(tx, existing.id), given: loadGivenItems(tx, [existing.id]), created: false };
        }
      }
      const occurredAt = parsed.occurred_at ? Date.parse(parsed.occurred_at) : now;
      if (occurredAt > now + FUTURE_TOLERANCE_MS)
        throw new AppError("validation", { message: "return_in_future", fields: { occurred_at: "return_in_future" } });
      const ref: PurchaseRef =
        parsed.order_id !== undefined ? { type: "order", id: parsed.order_id } : { type: "sale", id: parsed.sale_id! };
      const purchase = loadPurchase({ tx, ref });
      const earlier = earlierReturns({ tx, ref });
      const lineOf = new Map(purchase.lines.map((l) => [l.productId, l]));

      // What is asked back, per product (empty = everything still not returned).
      const wanted = new Map<number, number>();
      if (parsed.items.length === 0) {
        for (const l of purchase.lines) {
          const left = l.quantity - (earlier.byProduct.get(l.productId)?.quantity ?? 0);
          if (left > 0) wanted.set(l.productId, left);
        }
        if (wanted.size === 0) throw new AppError("return_exceeds_purchase", { message: "return_nothing_left" });
      } else {
        for (const item of parsed.items) wanted.set(item.product_id, (wanted.get(item.product_id) ?? 0) + item.quantity);
      }
      const fields: Record<string, "return_more_than_bought"> = {};
      parsed.items.forEach((item, index) => {
        const line = lineOf.get(item.product_id);
        const left = line ? line.quantity - (earlier.byProduct.get(item.product_id)?.quantity ?? 0) : 0;
        if ((wanted.get(item.product_id) ?? 0) > left) fields[`items.${index}.quantity`] = "return_more_than_bought";
      });
      if (Object.keys(fields).length) throw new AppError("return_exceeds_purchase", { fields });

      const lines = [...wanted].map(([productId, quantity]) => {
        const line = lineOf.get(productId)!;
        const before = earlier.byProduct.get(productId) ?? { quantity: 0, amount: 0 };
        const last = before.quantity + quantity === line.quantity;
        const amount = last ? line.share - before.amount : Math.floor((line.share * quantity) / line.quantity);
        return { productId, name: line.name, quantity, amount };
      });
      const amount = lines.reduce((s, l) => s + l.amount, 0);
      if (parsed.refund > amount)
        throw new AppError("validation", {
          message: "return_refund_over",
          params: { amount },
          fields: { refund: "return_refund_over_field" },
        });

      // Points of the returned items, from the rate the purchase earned at.
      const everythingBack = purchase.lines.every(
        (l) => (earlier.byProduct.get(l.productId)?.quantity ?? 0) + (wanted.get(l.productId) ?? 0) === l.quantity,
      );
      const credit = standingCredit({ tx, ref });
      const stillStanding = Math.max(0, credit.points - earlier.points);
      const pointsBack = everythingBack ? stillStanding : Math.min(stillStanding, pointsForPurchase(amount, credit.rateBp ?? 0));

      const settings = getShopSettings({ db: tx });
      const today = localDate(now, settings.timezone);
      const restocked = parsed.restock && purchase.date === today;

      const ret = tx
        .insert(purchaseReturns)
        .values({
          externalId: parsed.external_id ?? null,
          requestHash: hash,
          orderId: ref.type === "order" ? ref.id : null,
          saleId: ref.type === "sale" ? ref.id : null,
          customerId: purchase.customerId,
          kind: parsed.kind,
          refund: parsed.refund,
          method: parsed.method,
          pointsReversed: purchase.customerId ? pointsBack : 0,
          restocked,
          note: parsed.note,
          source,
          occurredAt,
          createdByUserId: actorUserId,
          createdAt: now,
        })
        .returning()
        .get();
      tx.insert(purchaseReturnItems)
        .values(
          lines.map((l) => ({ returnId: ret.id, productId: l.productId, productName: l.name, quantity: l.quantity, amount: l.amount })),
        )
        .run();
      // The refund lowers what the purchase counts for (180-day value).
      refreshPurchaseSequence(tx, ref.type === "order" ? { orderIds: [ref.id] } : { saleIds: [ref.id] });
      if (purchase.customerId && pointsBack > 0) {
        tx.insert(pointsLedger)
          .values({
            customerId: purchase.customerId,
            delta: -pointsBack,
            reason: "return",
            sourceType: "return",
            sourceId: ret.id,
            rateBp: credit.rateBp,
            createdByUserId: actorUserId,
            createdAt: now,
          })
          .run();
      }
      if (restocked) {
        for (const l of lines) {
          tx.insert(dailyPlans)
            .values({ date: today, productId: l.productId, planned: l.quantity, updatedAt: now })
            .onConflictDoUpdate({
              target: [dailyPlans.date, dailyPlans.productId],
              set: { planned: sql`${dailyPlans.planned} + ${l.quantity}`, updatedAt: now },
            })
            .run();
        }
      }
      // What was handed over leaves the stock before anyone waiting is told what is back (a loaf
      // swapped for a fresh one of the same kind frees nothing).
      const given = recordGiven({ tx, returnId: ret.id, given: parsed.given, date: localDate(occurredAt, settings.timezone), now });
      if (restocked) notifyRestock({ tx, now, date: today, productIds: lines.map((l) => l.productId) });
      return { ret, items: lines, given, created: true };
    },
    { behavior: "immediate" },
  );
}

export type ReturnView = {
  id: number;
  kind: "return" | "exchange";
  occurredAt: number;
  refund: number;
  method: PurchaseReturn["method"];
  pointsReversed: number;
  restocked: boolean;
  orderId: number | null;
  saleId: number | null;
  items: { name: string; quantity: number }[];
  given: { name: string; quantity: number }[];
};

/** Returns of a customer's purchases (or of one purchase), newest first: the card, `/me`, the order page. */
export function listReturns({
  db,
  customerId,
  orderId,
  saleId,
}: {
  db: DbOrTx;
  customerId?: number;
  orderId?: number;
  saleId?: number;
}): ReturnView[] {
  const where =
    customerId !== undefined
      ? eq(purchaseReturns.customerId, customerId)
      : orderId !== undefined
        ? eq(purchaseReturns.orderId, orderId)
        : saleId !== undefined
          ? eq(purchaseReturns.saleId, saleId)
          : undefined;
  if (!where) return [];
  const rows = db.select().from(purchaseReturns).where(where).orderBy(desc(purchaseReturns.occurredAt), desc(purchaseReturns.id)).all();
  if (!rows.length) return [];
  const items = db
    .select({ returnId: purchaseReturnItems.returnId, name: purchaseReturnItems.productName, quantity: purchaseReturnItems.quantity })
    .from(purchaseReturnItems)
    .where(
      inArray(
        purchaseReturnItems.returnId,
        rows.map((r) => r.id),
      ),
    )
    .all();
  const given = loadGivenItems(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    occurredAt: r.occurredAt,
    refund: r.refund,
    method: r.method,
    pointsReversed: r.pointsReversed,
    restocked: r.restocked,
    orderId: r.orderId,
    saleId: r.saleId,
    items: items.filter((i) => i.returnId === r.id).map(({ name, quantity }) => ({ name, quantity })),
    given: given.filter((i) => i.returnId === r.id).map(({ name, quantity }) => ({ name, quantity })),
  }));
}

/** The purchase's lines with what can still be returned, for the staff form. */
export function returnableLines({
  db,
  orderId,
  saleId,
}: {
  db: DbOrTx;
  orderId?: number;
  saleId?: number;
}): { productId: number; name: string; bought: number; left: number; share: number }[] {
  const ref: PurchaseRef = orderId !== undefined ? { type: "order", id: orderId } : { type: "sale", id: saleId! };
  const purchase = loadPurchase({ tx: db, ref });
  const earlier = earlierReturns({ tx: db, ref });
  return purchase.lines.map((l) => ({
    productId: l.productId,
    name: l.name,
    bought: l.quantity,
    left: l.quantity - (earlier.byProduct.get(l.productId)?.quantity ?? 0),
    share: l.share,
  }));
}

/** The JSON of a return in API v1. */
export function returnToJson({ ret, items, given }: Pick<RecordedReturn, "ret" | "items" | "given">, isoOf: (ms: number) => string) {
  return {
    id: ret.id,
    external_id: ret.externalId,
    order_id: ret.orderId,
    sale_id: ret.saleId,
    kind: ret.kind,
    refund: ret.refund,
    method: ret.method,
    points_reversed: ret.pointsReversed,
    restocked: ret.restocked,
    occurred_at: isoOf(ret.occurredAt),
    items: items.map((i) => ({ product_id: i.productId, name: i.name, quantity: i.quantity, amount: i.amount })),
    given: given.map((i) => ({ product_id: i.productId, name: i.name, quantity: i.quantity })),
  };
}
