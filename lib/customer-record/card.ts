/**
 * The customer card staff open at the counter: profile, consents, consultation answers with
 * what changed, visits, every purchase whatever the channel, points, reviews, inquiries.
 * Opening it is logged (who, when) — the owner reads that log.
 */
import { and, desc, eq, isNull, like, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  cardAccessLogs,
  consentTexts,
  consents,
  customers,
  orders,
  storeSales,
  users,
  type Customer,
  type OrderStatus,
  type PurchaseChannel,
  type Visit,
} from "@/db/schema";
import { latestAnswersByTemplate, type LatestAnswers } from "@/lib/consultations/submissions";
import { listRecommendations, listVisits, type RecommendationView } from "@/lib/consultations/visits";
import { AppError } from "@/lib/errors";
import { marketingConsent } from "@/lib/customers/consent";
import { listInquiriesForCustomer, type InquiryView } from "@/lib/inquiries/inquiries";
import { pointsBalance } from "@/lib/points/policy";
import { listPointsLedger } from "@/lib/points/redeem";
import { listReviews, type ReviewView } from "@/lib/reviews/reviews";
import { tierStatus, type TierStatus } from "@/lib/loyalty/tiers";
import { listReturns, type ReturnView } from "@/lib/returns/returns";

export type CustomerSearchRow = { id: number; name: string | null; phone: string | null; createdAt: number; lastPurchaseAt: number | null };

/** Search by name (part of it) or phone digits (any run of 3+ digits, e.g. the last four). */
export function searchCustomers({ db, q, limit = 50 }: { db: DbOrTx; q: string; limit?: number }): CustomerSearchRow[] {
  const text = (q ?? "").trim().slice(0, 40);
  const digits = text.replace(/\D/g, "");
  // A grouped subquery joined on the customer: a correlated subquery here would be rendered
  // with unqualified column names and compare the order's customer_id with its own id.
  const lastPurchase = db
    .select({
      customerId: orders.customerId,
      at: sql<number | null>`max(coalesce(${orders.pickedUpAt}, ${orders.placedAt}))`.as("last_purchase_at"),
    })
    .from(orders)
    .groupBy(orders.customerId)
    .as("last_purchase");
  const conditions = [];
  if (text && !/^[\d\s-]+$/.test(text)) conditions.push(like(customers.name, `%${text.replace(/[%_]/g, "")}%`));
  if (digits.length >= 3) conditions.push(like(customers.phone, `%${digits}%`));
  if (text && conditions.length === 0) return [];
  return db
    .select({
      id: customers.id,
      name: customers.name,
      phone: customers.phone,
      createdAt: customers.createdAt,
      lastPurchaseAt: lastPurchase.at,
    })
    .from(customers)
    .leftJoin(lastPurchase, eq(lastPurchase.customerId, customers.id))
    .where(and(isNull(customers.deletedAt), conditions.length ? or(...conditions) : undefined))
    .orderBy(desc(customers.createdAt))
    .limit(limit)
    .all();
}

export type Purchase = {
  kind: "order" | "sale";
  id: number;
  channel: PurchaseChannel;
  /** Shop-local date of the purchase (pickup date for orders, sale date for counter sales). */
  date: string;
  at: number;
  total: number;
  status: OrderStatus | "sold";
  code: string | null;
  pointsEarned: number;
  /** A counter sale the customer claimed from its receipt: whether the phone was proven by code. */
  claim?: "confirmed" | "unconfirmed" | null;
};

/** Every purchase of a customer from every channel: web and phone orders and counter sales, newest first. */
export function listPurchases({ db, customerId }: { db: DbOrTx; customerId: number }): Purchase[] {
  const orderRows = db
    .select({
      id: orders.id,
      channel: orders.channel,
      date: orders.pickupDate,
      at: orders.placedAt,
      total: orders.total,
      status: orders.status,
      code: orders.code,
      pointsEarned: orders.pointsEarned,
    })
    .from(orders)
    .where(eq(orders.customerId, customerId))
    .all();
  const saleRows = db
    .select({
      id: storeSales.id,
      date: storeSales.saleDate,
      at: storeSales.occurredAt,
      total: storeSales.total,
      pointsEarned: storeSales.pointsEarned,
      claimedAt: storeSales.claimedAt,
      claimConfirmed: storeSales.claimConfirmed,
    })
    .from(storeSales)
    .where(eq(storeSales.customerId, customerId))
    .all();
  const list: Purchase[] = [
    ...orderRows.map((o) => ({ kind: "order" as const, ...o })),
    ...saleRows.map(({ claimedAt, claimConfirmed, ...s }) => ({
      kind: "sale" as const,
      channel: "store" as const,
      status: "sold" as const,
      code: null,
      claim: claimedAt === null ? null : claimConfirmed ? ("confirmed" as const) : ("unconfirmed" as const),
      ...s,
    })),
  ];
  return list.sort((a, b) => b.at - a.at || b.id - a.id);
}

export type ConsentView = { id: number; kind: string; version: number; granted: boolean; source: string; createdAt: number };

export function listConsents({ db, customerId }: { db: DbOrTx; customerId: number }): ConsentView[] {
  return db
    .select({
      id: consents.id,
      kind: consentTexts.kind,
      version: consentTexts.version,
      granted: consents.granted,
      source: consents.source,
      createdAt: consents.createdAt,
    })
    .from(consents)
    .innerJoin(consentTexts, eq(consentTexts.id, consents.consentTextId))
    .where(eq(consents.customerId, customerId))
    .orderBy(desc(consents.createdAt), desc(consents.id))
    .all();
}

export type CustomerCard = {
  customer: Pick<Customer, "id" | "name" | "phone" | "createdAt" | "birthday"> & { marketingConsent: boolean };
  consents: ConsentView[];
  answers: LatestAnswers[];
  visits: Visit[];
  recommendations: RecommendationView[];
  purchases: Purchase[];
  totals: { purchases: number; spent: number; noShows: number; channels: PurchaseChannel[] };
  points: { balance: number; ledger: ReturnType<typeof listPointsLedger> };
  reviews: ReviewView[];
  inquiries: InquiryView[];
  returns: ReturnView[];
  tier: TierStatus;
};

/** Everything on the card, without logging (shared by the staff card and tests). */
export function loadCustomerCard({ db, customerId }: { db: DbOrTx; customerId: number }): CustomerCard {
  const customer = db
    .select({
      id: customers.id,
      name: customers.name,
      phone: customers.phone,
      createdAt: customers.createdAt,
      birthday: customers.birthday,
      deletedAt: customers.deletedAt,
    })
    .from(customers)
    .where(eq(customers.id, customerId))
    .get();
  if (!customer || customer.deletedAt) throw new AppError("not_found", { message: "customer_not_found" });
  const purchases = listPurchases({ db, customerId });
  const completed = purchases.filter((p) => p.status === "picked_up" || p.status === "sold");
  return {
    customer: {
      id: customer.id,
      name: customer.name,
      phone: customer.phone,
      createdAt: customer.createdAt,
      birthday: customer.birthday,
      marketingConsent: marketingConsent({ db, customerId }),
    },
    consents: listConsents({ db, customerId }),
    answers: latestAnswersByTemplate({ db, customerId }),
    visits: listVisits({ db, customerId }),
    recommendations: listRecommendations({ db, customerId }),
    purchases,
    totals: {
      purchases: completed.length,
      spent: completed.reduce((s, p) => s + p.total, 0),
      noShows: purchases.filter((p) => p.status === "no_show").length,
      channels: [...new Set(completed.map((p) => p.channel))],
    },
    points: { balance: pointsBalance({ db, customerId }), ledger: listPointsLedger({ db, customerId }) },
    reviews: listReviews({ db, customerId }),
    inquiries: listInquiriesForCustomer({ db, customerId }),
    returns: listReturns({ db, customerId }),
    tier: tierStatus({ db, customerId }),
  };
}

/**
 * A staff member viewed a card: one access-log row. Called once per page view (the card's
 * view logger), never by rendering, so a re-render after an action on the card logs nothing.
 */
export function logCardView({
  db,
  customerId,
  userId,
  now = Date.now(),
}: {
  db: DbOrTx;
  customerId: number;
  userId: number;
  now?: number;
}): void {
  const customer = db.select({ deletedAt: customers.deletedAt }).from(customers).where(eq(customers.id, customerId)).get();
  if (!customer || customer.deletedAt) throw new AppError("not_found", { message: "customer_not_found" });
  db.insert(cardAccessLogs).values({ customerId, userId, at: now }).run();
}

export type AccessLogRow = {
  id: number;
  at: number;
  userId: number;
  userName: string;
  userRole: string;
  customerId: number;
  customerName: string | null;
};

export function listCardAccessLog({ db, customerId, limit = 200 }: { db: DbOrTx; customerId?: number; limit?: number }): AccessLogRow[] {
  return db
    .select({
      id: cardAccessLogs.id,
      at: cardAccessLogs.at,
      userId: users.id,
      userName: users.name,
      userRole: users.role,
      customerId: cardAccessLogs.customerId,
      customerName: customers.name,
    })
    .from(cardAccessLogs)
    .innerJoin(users, eq(users.id, cardAccessLogs.userId))
    .innerJoin(customers, eq(customers.id, cardAccessLogs.customerId))
    .where(customerId ? eq(cardAccessLogs.customerId, customerId) : undefined)
    .orderBy(desc(cardAccessLogs.at), desc(cardAccessLogs.id))
    .limit(limit)
    .all();
}
