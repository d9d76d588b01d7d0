/**
 * Simple customer questions and the shop's replies. Creation and first-reply times are kept
 * (the CS response-time metric reads them); replies show on the customer's private page.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { customers, inquiries, inquiryReplies, users, type Inquiry, type InquiryReply } from "@/db/schema";
import { recordConsent } from "@/lib/customers/consent";
import { findCustomerByToken, upsertCustomer } from "@/lib/customers/customers";
import { normalizePhone } from "@/lib/customers/phone";
import { AppError, type FieldErrorsInput } from "@/lib/errors";

export const MAX_INQUIRY_LENGTH = 2000;

export type InquiryInput = { token?: string | null; name?: string; phone?: string; message?: string; privacy?: boolean };

/** A question from the storefront: by name + phone (with privacy consent), or from the private link. */
export function createInquiry({ db, input, now = Date.now() }: { db: Db; input: InquiryInput; now?: number }): { inquiry: Inquiry; customerId: number } {
  const fields: FieldErrorsInput = {};
  const message = (input.message ?? "").trim();
  const name = (input.name ?? "").trim();
  if (!message) fields.message = "inquiry_required";
  else if (message.length > MAX_INQUIRY_LENGTH) fields.message = { code: "inquiry_too_long", params: { max: MAX_INQUIRY_LENGTH } };
  if (!input.token) {
    if (!name) fields.name = "name_required";
    else if (name.length > 40) fields.name = { code: "name_too_long", params: { maximum: 40 } };
    if (!normalizePhone(input.phone ?? "")) fields.phone = "phone_invalid";
    if (!input.privacy) fields.privacy = "privacy_consent_inquiry";
  }
  if (Object.keys(fields).length) throw new AppError("validation", { message: "check_marked_fields", fields });
  return db.transaction(
    (tx) => {
      let customerId: number;
      if (input.token) {
        const c = findCustomerByToken({ db: tx, token: input.token });
        if (!c || c.deletedAt) throw new AppError("not_found", { message: "private_link_invalid" });
        customerId = c.id;
      } else {
        customerId = upsertCustomer({ db: tx, phone: input.phone!, name, at: now }).id;
        recordConsent({ db: tx, customerId, kind: "privacy", granted: true, source: "inquiry", at: now });
      }
      const inquiry = tx.insert(inquiries).values({ customerId, message, createdAt: now }).returning().get();
      return { inquiry, customerId };
    },
    { behavior: "immediate" },
  );
}

export function replyToInquiry({ db, inquiryId, userId, body, now = Date.now() }: { db: Db; inquiryId: number; userId: number; body: string; now?: number }): InquiryReply {
  const text = (body ?? "").trim();
  if (!text) throw new AppError("validation", { message: "reply_required", fields: { body: "reply_required" } });
  if (text.length > MAX_INQUIRY_LENGTH) throw new AppError("validation", { message: "reply_too_long", params: { max: MAX_INQUIRY_LENGTH }, fields: { body: "text_max" } });
  return db.transaction(
    (tx) => {
      const inquiry = tx.select().from(inquiries).where(eq(inquiries.id, inquiryId)).get();
      if (!inquiry) throw new AppError("not_found", { message: "inquiry_not_found" });
      const reply = tx.insert(inquiryReplies).values({ inquiryId, userId, body: text, createdAt: now }).returning().get();
      if (inquiry.firstReplyAt === null) tx.update(inquiries).set({ firstReplyAt: now }).where(eq(inquiries.id, inquiryId)).run();
      return reply;
    },
    { behavior: "immediate" },
  );
}

export type InquiryView = Inquiry & { customerName: string | null; replies: (InquiryReply & { userName: string | null })[] };

function withReplies(db: DbOrTx, rows: (Inquiry & { customerName: string | null })[]): InquiryView[] {
  if (rows.length === 0) return [];
  const replies = db
    .select({ reply: inquiryReplies, userName: users.name })
    .from(inquiryReplies)
    .leftJoin(users, eq(users.id, inquiryReplies.userId))
    .where(inArray(inquiryReplies.inquiryId, rows.map((r) => r.id)))
    .orderBy(asc(inquiryReplies.createdAt), asc(inquiryReplies.id))
    .all();
  return rows.map((r) => ({ ...r, replies: replies.filter((x) => x.reply.inquiryId === r.id).map((x) => ({ ...x.reply, userName: x.userName })) }));
}

/** The owner's inbox: unanswered first, oldest first within each group. */
export function listInbox({ db, limit = 200 }: { db: DbOrTx; limit?: number }): InquiryView[] {
  const rows = db
    .select({ id: inquiries.id, customerId: inquiries.customerId, message: inquiries.message, createdAt: inquiries.createdAt, firstReplyAt: inquiries.firstReplyAt, customerName: customers.name })
    .from(inquiries)
    .leftJoin(customers, eq(customers.id, inquiries.customerId))
    .orderBy(sql`${inquiries.firstReplyAt} is not null`, sql`case when ${inquiries.firstReplyAt} is null then ${inquiries.createdAt} else -${inquiries.createdAt} end`)
    .limit(limit)
    .all();
  return withReplies(db, rows);
}

export function countUnanswered({ db }: { db: DbOrTx }): number {
  return Number(db.select({ n: sql<number>`count(*)` }).from(inquiries).where(isNull(inquiries.firstReplyAt)).get()?.n ?? 0);
}

export function listInquiriesForCustomer({ db, customerId }: { db: DbOrTx; customerId: number }): InquiryView[] {
  const rows = db
    .select({ id: inquiries.id, customerId: inquiries.customerId, message: inquiries.message, createdAt: inquiries.createdAt, firstReplyAt: inquiries.firstReplyAt, customerName: customers.name })
    .from(inquiries)
    .leftJoin(customers, eq(customers.id, inquiries.customerId))
    .where(and(eq(inquiries.customerId, customerId)))
    .orderBy(desc(inquiries.createdAt))
    .all();
  return withReplies(db, rows);
}

export const inquiryFormSchema = z.object({
  token: z.string().max(64).optional(),
  name: z.string().max(100).optional(),
  phone: z.string().max(40).optional(),
  message: z.string().max(10_000).optional(),
  privacy: z.literal("on").optional(),
});
