import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { placeholdersFor, preparedQuery } from "@/db/prepared";
import { customers, type Customer } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { normalizePhone } from "./phone";

export function newToken(bytes = 18): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

/**
 * The one customer record for a phone number, whatever the channel: found, or created, and
 * whether this call created it. A given name only fills an empty one: anybody can type a
 * phone number, so a public form must never rename the person it belongs to. Customers
 * correct their name themselves from their private page (lib/customer-record/privacy.ts).
 */
export function findOrCreateCustomer({ db, phone, name, at }: { db: DbOrTx; phone: string; name?: string | null; at: number }): {
  customer: Customer;
  created: boolean;
} {
  const normalized = normalizePhone(phone);
  if (!normalized) throw new AppError("validation", { message: "phone_invalid", fields: { phone: "phone_invalid" } });
  const existing = customerWithPhone(db, normalized);
  if (existing) {
    if (name && !existing.name) {
      return { customer: db.update(customers).set({ name }).where(eq(customers.id, existing.id)).returning().get(), created: false };
    }
    return { customer: existing, created: false };
  }
  const values = { phone: normalized, name: name ?? null, token: newToken(), createdAt: at };
  const customer = preparedQuery(db, "customers.insert", (q) =>
    q.insert(customers).values(placeholdersFor(values)).returning().prepare(),
  ).get(values);
  return { customer, created: true };
}

/** findOrCreateCustomer when the caller does not care whether the record is new. */
export function upsertCustomer(args: { db: DbOrTx; phone: string; name?: string | null; at: number }): Customer {
  return findOrCreateCustomer(args).customer;
}

export function findCustomerByPhone({ db, phone }: { db: DbOrTx; phone: string }): Customer | undefined {
  const normalized = normalizePhone(phone);
  if (!normalized) return undefined;
  return customerWithPhone(db, normalized);
}

function customerWithPhone(db: DbOrTx, normalized: string): Customer | undefined {
  return preparedQuery(db, "customers.by-phone", (q) =>
    q
      .select()
      .from(customers)
      .where(eq(customers.phone, sql.placeholder("phone")))
      .prepare(),
  ).get({ phone: normalized });
}

export function findCustomerByToken({ db, token }: { db: DbOrTx; token: string }): Customer | undefined {
  if (typeof token !== "string" || token.length < 16 || token.length > 64) return undefined;
  return db.select().from(customers).where(eq(customers.token, token)).get();
}
