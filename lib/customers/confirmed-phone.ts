/**
 * What a confirmed phone (lib/customers/phone-session.ts) may see and change: "내 주문 찾기"
 * lists that phone's recent and upcoming orders with their links and the private page, and
 * marketing consent may be switched either way. Callers pass only a phone read from a valid
 * phone session — a typed phone never reaches these functions.
 */
import { and, desc, eq, gte } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { orderItems, orders, type OrderStatus } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { getShopSettings } from "@/lib/shop/settings";
import { addDays, localDate } from "@/lib/shop/time";
import { marketingConsent, recordConsent } from "./consent";
import { findCustomerByPhone } from "./customers";

/** How far back "recent" reaches. */
export const FIND_ORDERS_DAYS_BACK = 30;
const MAX_ORDERS = 30;

export type FoundOrder = {
  token: string;
  code: string;
  pickupDate: string;
  slot: string;
  status: OrderStatus;
  total: number;
  items: { name: string; quantity: number }[];
};

export type ConfirmedPhoneView = {
  /** Null when no customer has this phone yet (nothing ordered with it). */
  customer: { token: string; name: string | null; marketingConsent: boolean } | null;
  orders: FoundOrder[];
};

export function ordersForConfirmedPhone({ db, phone, now = Date.now() }: { db: DbOrTx; phone: string; now?: number }): ConfirmedPhoneView {
  const customer = findCustomerByPhone({ db, phone });
  if (!customer || customer.deletedAt) return { customer: null, orders: [] };
  const since = addDays(localDate(now, getShopSettings({ db }).timezone), -FIND_ORDERS_DAYS_BACK);
  const rows = db
    .select({
      id: orders.id,
      token: orders.token,
      code: orders.code,
      pickupDate: orders.pickupDate,
      slotStart: orders.slotStart,
      slotEnd: orders.slotEnd,
      status: orders.status,
      total: orders.total,
    })
    .from(orders)
    .where(and(eq(orders.customerId, customer.id), gte(orders.pickupDate, since)))
    .orderBy(desc(orders.pickupDate), desc(orders.slotStart), desc(orders.id))
    .limit(MAX_ORDERS)
    .all();
  const items = new Map<number, { name: string; quantity: number }[]>();
  for (const row of rows) {
    items.set(
      row.id,
      db
        .select({ name: orderItems.productName, quantity: orderItems.quantity })
        .from(orderItems)
        .where(eq(orderItems.orderId, row.id))
        .all(),
    );
  }
  return {
    customer: { token: customer.token, name: customer.name, marketingConsent: marketingConsent({ db, customerId: customer.id }) },
    orders: rows.map((r) => ({
      token: r.token,
      code: r.code,
      pickupDate: r.pickupDate,
      slot: `${r.slotStart}-${r.slotEnd}`,
      status: r.status,
      total: r.total,
      items: items.get(r.id) ?? [],
    })),
  };
}

/** Switch marketing consent for the customer of a confirmed phone, recording the decision. */
export function setMarketingConsentForPhone({
  db,
  phone,
  granted,
  now = Date.now(),
}: {
  db: Db;
  phone: string;
  granted: boolean;
  now?: number;
}): void {
  db.transaction(
    (tx) => {
      const customer = findCustomerByPhone({ db: tx, phone });
      if (!customer || customer.deletedAt) throw new AppError("not_found", { message: "phone_no_orders" });
      recordConsent({ db: tx, customerId: customer.id, kind: "marketing", granted, source: "phone_confirmed", at: now });
    },
    { behavior: "immediate" },
  );
}
