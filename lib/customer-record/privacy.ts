/**
 * The customer's own data, opened only by their private token: see everything, correct the
 * name, withdraw marketing consent, delete. Deletion erases what identifies the person and
 * keeps the orders for the books, attached to an anonymous record.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { announcedWrite } from "@/db/write-gate";
import {
  consultationSubmissions,
  customers,
  inquiries,
  inquiryReplies,
  orderItems,
  orders,
  phoneConfirmations,
  outbox,
  pushSubscriptions,
  recommendations,
  restockSubscriptions,
  reviews,
  saleReviews,
  storeSaleItems,
  storeSales,
  visits,
  type Customer,
} from "@/db/schema";
import { listSubmissions, type SubmissionView } from "@/lib/consultations/submissions";
import { listRecommendations, listVisits, recommendationCart, type RecommendationView } from "@/lib/consultations/visits";
import { AppError } from "@/lib/errors";
import { enqueueEvent } from "@/lib/messages/outbox";
import { nameProblem, normalizeName } from "@/lib/validation/text";
import { listInquiriesForCustomer, type InquiryView } from "@/lib/inquiries/inquiries";
import { setBirthday } from "@/lib/loyalty/birthday";
import { tierStatus, type TierStatus } from "@/lib/loyalty/tiers";
import { listReturns, type ReturnView } from "@/lib/returns/returns";
import { pointsBalance } from "@/lib/points/policy";
import { listPointsLedger } from "@/lib/points/redeem";
import { getShopSettings } from "@/lib/shop/settings";
import { isoInZone } from "@/lib/shop/time";
import { listConsents, listPurchases, type ConsentView, type Purchase } from "./card";
import { marketingConsent, recordConsent } from "@/lib/customers/consent";
import { findCustomerByToken, newToken } from "@/lib/customers/customers";

/** The live customer a token opens, or not_found (deleted customers have no working link). */
export function customerForToken({ db, token }: { db: DbOrTx; token: string }): Customer {
  const c = findCustomerByToken({ db, token });
  if (!c || c.deletedAt) throw new AppError("not_found", { message: "link_invalid_or_deleted" });
  return c;
}

export type MyData = {
  profile: { name: string | null; phone: string | null; birthday: string | null; marketingConsent: boolean; createdAt: number };
  consents: ConsentView[];
  purchases: (Purchase & { items: { name: string; quantity: number }[] })[];
  submissions: SubmissionView[];
  visits: { id: number; visitedAt: number; done: string; productsUsed: string; notes: string; advice: string }[];
  recommendations: RecommendationView[];
  cart: string;
  points: { balance: number; ledger: { delta: number; reason: string; sourceType: string; createdAt: number }[] };
  inquiries: InquiryView[];
  tier: TierStatus;
  returns: ReturnView[];
};

/** Everything the shop holds about the token's owner — their own, never anyone else's. */
export function loadMyData({ db, token }: { db: DbOrTx; token: string }): MyData {
  const c = customerForToken({ db, token });
  const purchases = listPurchases({ db, customerId: c.id });
  const orderIds = purchases.filter((p) => p.kind === "order").map((p) => p.id);
  const items = orderIds.length
    ? db
        .select({ orderId: orderItems.orderId, name: orderItems.productName, quantity: orderItems.quantity })
        .from(orderItems)
        .where(inArray(orderItems.orderId, orderIds))
        .all()
    : [];
  const saleIds = purchases.filter((p) => p.kind === "sale").map((p) => p.id);
  const saleItems = saleIds.length
    ? db
        .select({ saleId: storeSaleItems.saleId, name: storeSaleItems.productName, quantity: storeSaleItems.quantity })
        .from(storeSaleItems)
        .where(inArray(storeSaleItems.saleId, saleIds))
        .all()
    : [];
  const recs = listRecommendations({ db, customerId: c.id });
  return {
    profile: {
      name: c.name,
      phone: c.phone,
      birthday: c.birthday,
      marketingConsent: marketingConsent({ db, customerId: c.id }),
      createdAt: c.createdAt,
    },
    consents: listConsents({ db, customerId: c.id }),
    purchases: purchases.map((p) => ({
      ...p,
      items: (p.kind === "order" ? items.filter((i) => i.orderId === p.id) : saleItems.filter((i) => i.saleId === p.id)).map(
        ({ name, quantity }) => ({ name, quantity }),
      ),
    })),
    submissions: listSubmissions({ db, customerId: c.id }),
    // Staff-only notes stay in the shop; only visits marked for sharing are the customer's to read.
    visits: listVisits({ db, customerId: c.id, sharedOnly: true }).map(({ id, visitedAt, done, productsUsed, notes, advice }) => ({
      id,
      visitedAt,
      done,
      productsUsed,
      notes,
      advice,
    })),
    recommendations: recs,
    cart: recommendationCart(recs),
    points: {
      balance: pointsBalance({ db, customerId: c.id }),
      ledger: listPointsLedger({ db, customerId: c.id }).map(({ delta, reason, sourceType, createdAt }) => ({
        delta,
        reason,
        sourceType,
        createdAt,
      })),
    },
    inquiries: listInquiriesForCustomer({ db, customerId: c.id }),
    tier: tierStatus({ db, customerId: c.id }),
    returns: listReturns({ db, customerId: c.id }),
  };
}

function instantsToIso(value: unknown, timeZone: string, key = ""): unknown {
  if (typeof value === "number" && (key === "at" || /At$/.test(key))) return isoInZone(value, timeZone);
  if (Array.isArray(value)) return value.map((v) => instantsToIso(v, timeZone));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, instantsToIso(v, timeZone, k)]));
  }
  return value;
}

/**
 * The customer's download (내 정보 내려받기), every instant (`at`, `…At`) in the shop's zone: everything `loadMyData` shows, with times a
 * person can read — `2026-11-24T18:00:00+09:00`, not epoch milliseconds.
 */
export function exportMyData({ db, token }: { db: DbOrTx; token: string }): unknown {
  const data = loadMyData({ db, token });
  return instantsToIso(data, getShopSettings({ db }).timezone);
}

export function correctName({ db, token, name }: { db: Db; token: string; name: string }): void {
  const clean = normalizeName(name ?? "");
  const problem = nameProblem(clean);
  if (problem) throw new AppError("validation", { message: problem.code, params: problem.params, fields: { name: problem } });
  db.transaction(
    (tx) => {
      const c = customerForToken({ db: tx, token });
      tx.update(customers).set({ name: clean }).where(eq(customers.id, c.id)).run();
    },
    { behavior: "immediate" },
  );
}

/** The customer sets (or clears) their own birthday on `/me` (lib/loyalty/birthday.ts). */
export function setMyBirthday({ db, token, input }: { db: Db; token: string; input: unknown }): string | null {
  return setBirthday({ db, customerId: customerForToken({ db, token }).id, input });
}

export function withdrawMarketing({ db, token, now = Date.now() }: { db: Db; token: string; now?: number }): void {
  db.transaction(
    (tx) => {
      const c = customerForToken({ db: tx, token });
      recordConsent({ db: tx, customerId: c.id, kind: "marketing", granted: false, source: "my_page", at: now });
    },
    { behavior: "immediate" },
  );
}

/**
 * Erase a customer's personal data. Anywhere a phone number or name could have been written
 * is cleared: the customer row (name, phone, token rotated so the old link dies), consultation
 * answers, visit notes and recommendations, inquiries and replies (times kept for the CS
 * metric, text erased), review comments, order notes, and the request hashes that were
 * computed over a body containing the phone (a hash of a phone number is easily reversed).
 * Messages to the customer lose their phone, text and link (waiting ones are cancelled) and
 * their push subscriptions go; the shop's systems get `customer.deleted` with the id only.
 * Orders, sales, consent records and the points ledger stay, pointing at the anonymous row.
 * secure_delete (db/client.ts) zeroes the freed bytes; the WAL checkpoint removes old page
 * copies from the -wal file.
 */
export function deleteCustomer({ db, token, now = Date.now() }: { db: Db; token: string; now?: number }): {
  customerId: number;
  walCheckpointed: boolean;
} {
  const customerId = db.transaction(
    (tx) => {
      const c = customerForToken({ db: tx, token });
      const id = c.id;
      tx.delete(consultationSubmissions).where(eq(consultationSubmissions.customerId, id)).run();
      tx.delete(recommendations).where(eq(recommendations.customerId, id)).run();
      tx.delete(visits).where(eq(visits.customerId, id)).run();
      const inquiryIds = tx
        .select({ id: inquiries.id })
        .from(inquiries)
        .where(eq(inquiries.customerId, id))
        .all()
        .map((r) => r.id);
      if (inquiryIds.length) {
        tx.update(inquiryReplies).set({ body: "" }).where(inArray(inquiryReplies.inquiryId, inquiryIds)).run();
        tx.update(inquiries).set({ message: "" }).where(inArray(inquiries.id, inquiryIds)).run();
      }
      const orderIds = tx
        .select({ id: orders.id })
        .from(orders)
        .where(eq(orders.customerId, id))
        .all()
        .map((r) => r.id);
      if (orderIds.length) {
        tx.update(orders).set({ note: "", requestHash: null, customerName: null }).where(eq(orders.customerId, id)).run();
        tx.update(reviews).set({ comment: "" }).where(inArray(reviews.orderId, orderIds)).run();
      }
      tx.update(storeSales)
        .set({ requestHash: null })
        .where(and(eq(storeSales.customerId, id)))
        .run();
      const saleIds = tx
        .select({ id: storeSales.id })
        .from(storeSales)
        .where(eq(storeSales.customerId, id))
        .all()
        .map((r) => r.id);
      if (saleIds.length) tx.update(saleReviews).set({ comment: "" }).where(inArray(saleReviews.saleId, saleIds)).run();
      // Nobody waits for a restock alert any more, and the codes sent to the phone go too.
      tx.delete(restockSubscriptions).where(eq(restockSubscriptions.customerId, id)).run();
      if (c.phone) tx.delete(phoneConfirmations).where(eq(phoneConfirmations.phone, c.phone)).run();
      // Deleting is also withdrawing: the log, which decides consent, says so.
      if (marketingConsent({ db: tx, customerId: id }))
        recordConsent({ db: tx, customerId: id, kind: "marketing", granted: false, source: "my_page", at: now });
      tx.update(outbox)
        .set({ status: "cancelled", lastError: "고객 정보가 삭제되어 보내지 않았어요." }) // hangul-ok: stored outbox note (message log)
        .where(and(eq(outbox.customerId, id), inArray(outbox.status, ["queued", "sending"])))
        .run();
      tx.update(outbox).set({ phone: null, payload: {}, body: null }).where(eq(outbox.customerId, id)).run();
      tx.delete(pushSubscriptions).where(eq(pushSubscriptions.customerId, id)).run();
      tx.update(customers)
        .set({ name: null, phone: null, birthday: null, token: newToken(), deletedAt: now })
        .where(eq(customers.id, id))
        .run();
      enqueueEvent({ tx, now, type: "customer.deleted", data: { customer_id: id } });
      return id;
    },
    { behavior: "immediate" },
  );
  // Old versions of the pages just rewritten still sit in the -wal file until a checkpoint.
  // TRUNCATE waits for every writer to finish: announced, so the order placement thread lets it (db/write-gate.ts).
  const result = announcedWrite(() => db.$client.pragma("wal_checkpoint(TRUNCATE)")) as {
    busy: number;
    log: number;
    checkpointed: number;
  }[];
  return { customerId, walCheckpointed: result[0]?.busy === 0 };
}
