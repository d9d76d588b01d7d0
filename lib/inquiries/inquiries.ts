/**
 * Simple customer questions and the shop's replies. Creation and first-reply times are kept
 * (the CS response-time metric reads them); replies show on the customer's private page.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { customers, inquiries, inquiryReplies, users, type Inquiry, type InquiryReply } from "@/db/schema";
import { recordConsent } from "@/lib/customers/consent";
import { findCustomerByPhone, findCustomerByToken, upsertCustomer } from "@/lib/customers/customers";
import { normalizePhone } from "@/lib/customers/phone";
import { publicUrl } from "@/lib/config/public-url";
import { AppError, type FieldErrorsInput } from "@/lib/errors";
import { enqueueEvent, enqueueMessage } from "@/lib/messages/outbox";
import { nameProblem, normalizeName, normalizeText, textProblem } from "@/lib/validation/text";

export const MAX_INQUIRY_LENGTH = 2000;

export type InquiryInput = { token?: string | null; name?: string; phone?: string; message?: string; privacy?: boolean };

/**
 * A question from the storefront: by name + phone (with privacy consent), or from the private link.
 * `myPageToken` is where the answer will appear, handed out only when that is safe: the person
 * came with the link, or this inquiry created their record (never for a number typed in that
 * already belongs to someone).
 */
export function createInquiry({ db, input, now = Date.now() }: { db: Db; input: InquiryInput; now?: number }): {
  inquiry: Inquiry;
  customerId: number;
  myPageToken: string | null;
} {
  const fields: FieldErrorsInput = {};
  const message = normalizeText(input.message ?? "");
  const name = normalizeName(input.name ?? "");
  const messageProblem = textProblem(message, { kind: "inquiry", max: MAX_INQUIRY_LENGTH, required: true });
  if (messageProblem) fields.message = messageProblem;
  if (!input.token) {
    const problem = nameProblem(name);
    if (problem) fields.name = problem;
    if (!normalizePhone(input.phone ?? "")) fields.phone = "phone_invalid";
    if (!input.privacy) fields.privacy = "privacy_consent_inquiry";
  }
  if (Object.keys(fields).length) throw new AppError("validation", { message: "check_marked_fields", fields });
  return db.transaction(
    (tx) => {
      let customerId: number;
      let myPageToken: string | null;
      if (input.token) {
        const c = findCustomerByToken({ db: tx, token: input.token });
        if (!c || c.deletedAt) throw new AppError("not_found", { message: "private_link_invalid" });
        customerId = c.id;
        myPageToken = c.token;
      } else {
        const existed = !!findCustomerByPhone({ db: tx, phone: input.phone! });
        const customer = upsertCustomer({ db: tx, phone: input.phone!, name, at: now });
        customerId = customer.id;
        myPageToken = existed ? null : customer.token;
        recordConsent({ db: tx, customerId, kind: "privacy", granted: true, source: "inquiry", at: now });
      }
      const inquiry = tx.insert(inquiries).values({ customerId, message, createdAt: now }).returning().get();
      enqueueEvent({ tx, now, type: "inquiry.created", data: { id: inquiry.id } });
      return { inquiry, customerId, myPageToken };
    },
    { behavior: "immediate" },
  );
}

export function replyToInquiry({
  db,
  inquiryId,
  userId,
  body,
  now = Date.now(),
}: {
  db: Db;
  inquiryId: number;
  userId: number;
  body: string;
  now?: number;
}): InquiryReply {
  const text = normalizeText(body ?? "");
  const problem = textProblem(text, { kind: "reply", max: MAX_INQUIRY_LENGTH, required: true });
  if (problem) throw new AppError("validation", { message: problem.code, params: problem.params, fields: { body: problem } });
  return db.transaction(
    (tx) => {
      const inquiry = tx.select().from(inquiries).where(eq(inquiries.id, inquiryId)).get();
      if (!inquiry) throw new AppError("not_found", { message: "inquiry_not_found" });
      const reply = tx.insert(inquiryReplies).values({ inquiryId, userId, body: text, createdAt: now }).returning().get();
      if (inquiry.firstReplyAt === null) tx.update(inquiries).set({ firstReplyAt: now }).where(eq(inquiries.id, inquiryId)).run();
      const customer = inquiry.customerId
        ? tx
            .select({ id: customers.id, phone: customers.phone, token: customers.token, deletedAt: customers.deletedAt })
            .from(customers)
            .where(eq(customers.id, inquiry.customerId))
            .get()
        : undefined;
      if (customer && !customer.deletedAt) {
        enqueueMessage({
          tx,
          now,
          to: { customerId: customer.id, phone: customer.phone },
          template: "inquiry_answered",
          params: { url: publicUrl(`/me/${customer.token}`) },
          purpose: "transactional",
        });
      }
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
    .where(
      inArray(
        inquiryReplies.inquiryId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(inquiryReplies.createdAt), asc(inquiryReplies.id))
    .all();
  return rows.map((r) => ({
    ...r,
    replies: replies.filter((x) => x.reply.inquiryId === r.id).map((x) => ({ ...x.reply, userName: x.userName })),
  }));
}

/** The owner's inbox: unanswered first, oldest first within each group. */
export function listInbox({ db, limit = 200 }: { db: DbOrTx; limit?: number }): InquiryView[] {
  const rows = db
    .select({
      id: inquiries.id,
      customerId: inquiries.customerId,
      message: inquiries.message,
      createdAt: inquiries.createdAt,
      firstReplyAt: inquiries.firstReplyAt,
      customerName: customers.name,
    })
    .from(inquiries)
    .leftJoin(customers, eq(customers.id, inquiries.customerId))
    .orderBy(
      sql`${inquiries.firstReplyAt} is not null`,
      sql`case when ${inquiries.firstReplyAt} is null then ${inquiries.createdAt} else -${inquiries.createdAt} end`,
    )
    .limit(limit)
    .all();
  return withReplies(db, rows);
}

export function countUnanswered({ db }: { db: DbOrTx }): number {
  return Number(
    db
      .select({ n: sql<number>`count(*)` })
      .from(inquiries)
      .where(isNull(inquiries.firstReplyAt))
      .get()?.n ?? 0,
  );
}

export function listInquiriesForCustomer({ db, customerId }: { db: DbOrTx; customerId: number }): InquiryView[] {
  const rows = db
    .select({
      id: inquiries.id,
      customerId: inquiries.customerId,
      message: inquiries.message,
      createdAt: inquiries.createdAt,
      firstReplyAt: inquiries.firstReplyAt,
      customerName: customers.name,
    })
    .from(inquiries)
    .leftJoin(customers, eq(customers.id, inquiries.customerId))
    .where(and(eq(inquiries.customerId, customerId)))
    .orderBy(desc(inquiries.createdAt))
    .all();
  return withReplies(db, rows);
}

export const inquiryFormSchema = z.object({
  token: z.string().max(64).optional(),
  // Lengths and characters are checked once, by createInquiry (one limit, one message).
  name: z.string().optional(),
  phone: z.string().max(40).optional(),
  message: z.string().optional(),
  privacy: z.literal("on").optional(),
});
