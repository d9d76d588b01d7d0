/**
 * A sale at the counter (channel `store`), from the staff quick-sale screen or a POS through
 * `POST /api/v1/sales`. It takes that day's stock (가용수량 = planned + excess − reserved − sold),
 * so the storefront sees fewer left at once, and earns points by the one policy. It is never
 * refused for stock: the goods are already in the customer's hand. Units beyond what the plan
 * left are recorded as the line's `excess` (a stock discrepancy the owner sees on the stock page).
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { storeSaleItems, storeSales, type StoreSale } from "@/db/schema";
import { applyCoupon, recordCouponUse } from "@/lib/coupons/apply";
import { couponCodeInput } from "@/lib/coupons/input";
import { upsertCustomer } from "@/lib/customers/customers";
import { newReceiptToken } from "@/lib/receipts/receipts";
import { normalizePhone } from "@/lib/customers/phone";
import { AppError } from "@/lib/errors";
import { stockForDate } from "@/lib/inventory/availability";
import { enqueueEvent } from "@/lib/messages/outbox";
import { requestHash } from "@/lib/request-hash";
import { awardPurchasePoints } from "@/lib/points/policy";
import { listProductsWithOptions } from "@/lib/products/catalogue";
import { getShopSettings } from "@/lib/shop/settings";
import { localDate } from "@/lib/shop/time";
import { numeric } from "@/lib/validation/numbers";
import { refreshPurchaseSequence } from "@/lib/purchases/sequence";

/** A sale may be sent a little ahead of the server's clock, never from tomorrow. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export const saleInput = z.object({
  external_id: z.string().trim().min(1, "external_id_required").max(100, "external_id_too_long").optional(),
  occurred_at: z
    .string({ error: "occurred_at_required" })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, "occurred_at_format")
    .refine((s) => Number.isFinite(Date.parse(s)), "occurred_at_invalid")
    .optional(),
  customer_phone: z
    .string()
    .trim()
    .optional()
    .transform((s) => (s ? s : undefined))
    .refine((s) => s === undefined || normalizePhone(s) !== null, "phone_invalid"),
  items: z
    .array(
      z.object({
        product_id: numeric(z.number({ error: "product_choose" }).int().positive("product_choose")),
        quantity: numeric(
          z.number({ error: "quantity_number" }).int("quantity_integer").min(1, "quantity_min").max(999, "quantity_too_many"),
        ),
      }),
    )
    .min(1, "cart_empty")
    .max(50, "sale_lines_max"),
  total: numeric(z.number().int("amount_integer").min(0, "amount_min").optional()),
  coupon_code: couponCodeInput,
});
export type SaleInput = z.input<typeof saleInput>;
export type ParsedSaleInput = z.output<typeof saleInput>;

export type RecordedSale = {
  sale: StoreSale;
  /** `excess`: units sold beyond what the day's plan had left (a stock discrepancy). */
  items: { productId: number; name: string; unitPrice: number; quantity: number; excess: number }[];
  /** False when an earlier request with the same external_id already recorded it. */
  created: boolean;
};

function loadSale(db: DbOrTx, sale: StoreSale): RecordedSale["items"] {
  return db
    .select({
      productId: storeSaleItems.productId,
      name: storeSaleItems.productName,
      unitPrice: storeSaleItems.unitPrice,
      quantity: storeSaleItems.quantity,
      excess: storeSaleItems.excess,
    })
    .from(storeSaleItems)
    .where(eq(storeSaleItems.saleId, sale.id))
    .all();
}

/**
 * Record a counter sale in one IMMEDIATE transaction: price from the catalogue, read each
 * product's available quantity for the sale's shop-local date (what is sold beyond it is the
 * line's excess), write the sale and its lines, credit points. Nothing is written when any
 * check fails.
 *
 * `total`: a POS may send what the customer actually paid. Counter discounts are normal, so a
 * total at or below the catalogue price is recorded as the sale's total (and points are
 * earned on it); a total above the catalogue price is refused as a mistake — a sale can never
 * earn more points than the price list allows.
 *
 * `external_id` makes a retry safe: the same id with the same body returns the first sale and
 * writes nothing; with another body it is refused (`idempotency_conflict`).
 */
export function recordStoreSale({
  db,
  input,
  source,
  actorUserId = null,
  now = Date.now(),
}: {
  db: Db;
  input: ParsedSaleInput;
  source: "counter" | "api";
  actorUserId?: number | null;
  now?: number;
}): RecordedSale {
  const hash = input.external_id ? requestHash({ sale: input }) : null;
  return db.transaction(
    (tx) => {
      if (input.external_id) {
        const existing = tx.select().from(storeSales).where(eq(storeSales.externalId, input.external_id)).get();
        if (existing) {
          if (existing.requestHash !== hash) throw new AppError("idempotency_conflict", { message: "sale_external_id_conflict" });
          return { sale: existing, items: loadSale(tx, existing), created: false };
        }
      }
      const occurredAt = input.occurred_at ? Date.parse(input.occurred_at) : now;
      if (occurredAt > now + FUTURE_TOLERANCE_MS)
        throw new AppError("validation", { message: "sale_in_future", fields: { occurred_at: "sale_in_future_field" } });
      const settings = getShopSettings({ db: tx });
      const saleDate = localDate(occurredAt, settings.timezone);

      const wanted = new Map<number, number>();
      for (const item of input.items) wanted.set(item.product_id, (wanted.get(item.product_id) ?? 0) + item.quantity);
      const productIds = [...wanted.keys()];
      const catalogue = new Map(listProductsWithOptions({ db: tx, ids: productIds }).map((p) => [p.id, p]));
      input.items.forEach((item, index) => {
        const product = catalogue.get(item.product_id);
        if (!product || !product.active) {
          throw new AppError("validation", {
            message: "product_not_sold",
            fields: { [`items.${index}.product_id`]: "product_not_sold_field" },
          });
        }
      });
      // The sale always stands; what it takes beyond what is left is its stock discrepancy.
      const stock = stockForDate({ db: tx, date: saleDate, productIds, now });

      const lines = productIds.map((productId) => {
        const product = catalogue.get(productId)!;
        const quantity = wanted.get(productId)!;
        return {
          productId,
          name: product.name,
          unitPrice: product.price,
          quantity,
          excess: Math.max(0, quantity - (stock.get(productId)?.available ?? 0)),
        };
      });
      const customer = input.customer_phone ? upsertCustomer({ db: tx, phone: input.customer_phone, at: now }) : null;
      // A coupon takes its discount off the catalogue prices; a POS total may go lower still.
      const coupon = input.coupon_code
        ? applyCoupon({
            tx,
            code: input.coupon_code,
            customerId: customer?.id ?? null,
            lines: lines.map((l) => ({
              productId: l.productId,
              category: catalogue.get(l.productId)!.category,
              lineTotal: l.unitPrice * l.quantity,
            })),
            at: occurredAt,
            timezone: settings.timezone,
          })
        : null;
      const discount = coupon?.discount ?? 0;
      const listTotal = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0) - discount;
      if (input.total !== undefined && input.total > listTotal) {
        throw new AppError("validation", {
          message: "sale_total_over_list",
          params: { listTotal },
          fields: { total: "sale_total_over_list_field" },
        });
      }
      const total = input.total ?? listTotal;

      const sale = tx
        .insert(storeSales)
        .values({
          externalId: input.external_id ?? null,
          occurredAt,
          saleDate,
          customerId: customer?.id ?? null,
          total,
          discount,
          source,
          requestHash: hash,
          receiptToken: newReceiptToken(),
          createdByUserId: actorUserId,
          createdAt: now,
        })
        .returning()
        .get();
      tx.insert(storeSaleItems)
        .values(
          lines.map((l) => ({
            saleId: sale.id,
            productId: l.productId,
            productName: l.name,
            unitPrice: l.unitPrice,
            quantity: l.quantity,
            excess: l.excess,
          })),
        )
        .run();
      if (coupon) recordCouponUse({ tx, applied: coupon, customerId: sale.customerId, saleId: sale.id, now });
      const points = awardPurchasePoints({ db: tx, customerId: sale.customerId, sourceType: "sale", sourceId: sale.id, total, now });
      const saved = points ? tx.update(storeSales).set({ pointsEarned: points }).where(eq(storeSales.id, sale.id)).returning().get() : sale;
      refreshPurchaseSequence(tx, { saleIds: [sale.id] });
      enqueueEvent({
        tx,
        now,
        type: "sale.recorded",
        data: {
          id: saved.id,
          external_id: saved.externalId,
          total: saved.total,
          items: lines.map((l) => ({ product_id: l.productId, name: l.name, quantity: l.quantity })),
        },
      });
      return { sale: saved, items: lines, created: true };
    },
    { behavior: "immediate" },
  );
}
