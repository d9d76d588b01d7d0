/**
 * Receipt QR (영수증 QR): every counter sale carries an unguessable token; its printed receipt
 * has a QR opening `/r/<token>`, where the customer claims the purchase with their phone. A
 * claim links the sale to the customer (one record per phone), earns its points by the one
 * policy (the customer's tier when they claim) and makes it an identified store purchase at its
 * original time. A receipt is claimed once (the IMMEDIATE transaction plus the "still
 * unclaimed" guard make two racing claims end with exactly one winner) and only within
 * `CLAIM_WINDOW_DAYS` of the sale.
 *
 * Confirmed or not: a claim made after the phone was proven by a one-time code is
 * `claim_confirmed`; a claim with a typed number only is recorded as unconfirmed, and staff see
 * it as such on the card.
 */
import crypto from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { storeSaleItems, storeSales, type StoreSale } from "@/db/schema";
import { upsertCustomer } from "@/lib/customers/customers";
import { normalizePhone } from "@/lib/customers/phone";
import { AppError } from "@/lib/errors";
import { awardPurchasePoints } from "@/lib/points/policy";
import { refreshPurchaseSequence } from "@/lib/purchases/sequence";

export const CLAIM_WINDOW_DAYS = 14;
const DAY_MS = 86_400_000;

/** 18 random bytes (144 bits), hex: as unguessable as an order token, and easy to read out of a QR. */
export function newReceiptToken(): string {
  return crypto.randomBytes(18).toString("hex");
}

export function receiptPath(token: string): string {
  return `/r/${token}`;
}

export function findSaleByReceiptToken({ db, token }: { db: DbOrTx; token: string }): StoreSale | undefined {
  if (!/^[0-9a-f]{16,64}$/.test(token)) return undefined;
  return db.select().from(storeSales).where(eq(storeSales.receiptToken, token)).get();
}

export type ReceiptView = {
  sale: Pick<
    StoreSale,
    | "id"
    | "occurredAt"
    | "saleDate"
    | "total"
    | "discount"
    | "pointsEarned"
    | "claimedAt"
    | "claimConfirmed"
    | "receiptToken"
    | "customerId"
  >;
  items: { productId: number; name: string; unitPrice: number; quantity: number }[];
  /** Linked to a customer (at the counter or by a claim). */
  identified: boolean;
  /** The last moment a claim is accepted. */
  claimUntil: number;
};

export function loadReceipt({ db, token }: { db: DbOrTx; token: string }): ReceiptView | null {
  const sale = findSaleByReceiptToken({ db, token });
  return sale ? receiptOf({ db, sale }) : null;
}

export function loadReceiptBySaleId({ db, saleId }: { db: DbOrTx; saleId: number }): ReceiptView | null {
  const sale = db.select().from(storeSales).where(eq(storeSales.id, saleId)).get();
  return sale ? receiptOf({ db, sale }) : null;
}

function receiptOf({ db, sale }: { db: DbOrTx; sale: StoreSale }): ReceiptView {
  const items = db
    .select({
      productId: storeSaleItems.productId,
      name: storeSaleItems.productName,
      unitPrice: storeSaleItems.unitPrice,
      quantity: storeSaleItems.quantity,
    })
    .from(storeSaleItems)
    .where(eq(storeSaleItems.saleId, sale.id))
    .all();
  return {
    sale: {
      id: sale.id,
      occurredAt: sale.occurredAt,
      saleDate: sale.saleDate,
      total: sale.total,
      discount: sale.discount,
      pointsEarned: sale.pointsEarned,
      claimedAt: sale.claimedAt,
      claimConfirmed: sale.claimConfirmed,
      receiptToken: sale.receiptToken,
      customerId: sale.customerId,
    },
    items,
    identified: sale.customerId !== null,
    claimUntil: claimDeadline(sale.occurredAt),
  };
}

export function claimDeadline(occurredAt: number): number {
  return occurredAt + CLAIM_WINDOW_DAYS * DAY_MS;
}

/**
 * Claim the sale behind `token` for `phone`. `confirmed`: the phone was proven by a one-time
 * code in this browser (the caller checks the phone session). Refused: unknown receipt
 * (`not_found`), already linked to someone (`conflict`), past the window (`invalid_transition`).
 */
export function claimReceipt({
  db,
  token,
  phone,
  confirmed,
  now = Date.now(),
}: {
  db: Db;
  token: string;
  phone: string;
  confirmed: boolean;
  now?: number;
}): { sale: StoreSale; customerId: number; points: number } {
  const normalized = normalizePhone(phone);
  if (!normalized) throw new AppError("validation", { message: "phone_invalid", fields: { phone: "phone_invalid" } });
  return db.transaction(
    (tx) => {
      const sale = findSaleByReceiptToken({ db: tx, token });
      if (!sale) throw new AppError("not_found", { message: "receipt_not_found" });
      if (sale.customerId !== null) throw new AppError("conflict", { message: "receipt_already_claimed" });
      if (now > claimDeadline(sale.occurredAt))
        throw new AppError("invalid_transition", { message: "receipt_claim_expired", params: { days: CLAIM_WINDOW_DAYS } });
      const customer = upsertCustomer({ db: tx, phone: normalized, at: now });
      const linked = tx
        .update(storeSales)
        .set({ customerId: customer.id, claimedAt: now, claimConfirmed: confirmed })
        .where(and(eq(storeSales.id, sale.id), isNull(storeSales.customerId)))
        .returning()
        .get();
      if (!linked) throw new AppError("conflict", { message: "receipt_already_claimed" });
      const points = awardPurchasePoints({
        db: tx,
        customerId: customer.id,
        sourceType: "sale",
        sourceId: sale.id,
        total: sale.total,
        now,
      });
      const saved = tx.update(storeSales).set({ pointsEarned: points }).where(eq(storeSales.id, sale.id)).returning().get();
      // The sale is now this customer's purchase, at its original time.
      refreshPurchaseSequence(tx, { saleIds: [sale.id] });
      return { sale: saved, customerId: customer.id, points };
    },
    { behavior: "immediate" },
  );
}
