/**
 * A customer's answers to a consultation form. The customer is the one record of their
 * orders (name + phone → findOrCreateCustomer), or — from their private link — the token's
 * owner. A phone number alone that belongs to an existing customer only files the answers
 * as not confirmed (see confirmSubmission).
 * The consultation consent text and its version are stored with every submission.
 */
import { and, desc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { consultationSubmissions, consultationTemplates, consultationTemplateVersions, customers, type Customer } from "@/db/schema";
import { publicUrl } from "@/lib/config/public-url";
import { currentConsentText, recordConsent } from "@/lib/customers/consent";
import { findCustomerByToken, findOrCreateCustomer } from "@/lib/customers/customers";
import { normalizePhone } from "@/lib/customers/phone";
import { AppError, type FieldErrorsInput } from "@/lib/errors";
import { enqueueMessage } from "@/lib/messages/outbox";
import { nameProblem, normalizeName } from "@/lib/validation/text";
import { diffAnswers, type AnswerChange } from "./changes";
import { readQuestions } from "./question-schema";
import { validateAnswers, type Answers, type Question } from "./questions";

export type SubmitInput = {
  templateVersionId: number;
  /** The private-link token: identifies a returning customer without their phone. */
  token?: string | null;
  name?: string;
  phone?: string;
  consent: boolean;
  marketing?: boolean;
  rawAnswers: Record<string, unknown>;
};

export type SubmitResult = {
  submissionId: number;
  customerId: number;
  /**
   * The private link, only when it is safe to hand out: the person came with the token,
   * or the phone number was new. Typing someone else's number never reveals their page.
   */
  token: string | null;
};

export function submitConsultation({
  db,
  slug,
  input,
  now = Date.now(),
}: {
  db: Db;
  slug: string;
  input: SubmitInput;
  now?: number;
}): SubmitResult {
  return db.transaction(
    (tx) => {
      const template = tx
        .select()
        .from(consultationTemplates)
        .where(and(eq(consultationTemplates.slug, slug), eq(consultationTemplates.active, true)))
        .get();
      if (!template) throw new AppError("not_found", { message: "template_not_found" });
      const version = tx
        .select()
        .from(consultationTemplateVersions)
        .where(eq(consultationTemplateVersions.id, input.templateVersionId))
        .get();
      if (!version || version.templateId !== template.id) throw new AppError("not_found", { message: "template_version_not_found" });
      const questions = readQuestions(version.questions);

      const fields: FieldErrorsInput = {};
      const { answers, errors } = validateAnswers(questions, input.rawAnswers);
      for (const [id, message] of Object.entries(errors)) fields[`q.${id}`] = message;
      const name = normalizeName(input.name ?? "");
      let known: Customer | undefined;
      if (input.token) {
        known = findCustomerByToken({ db: tx, token: input.token });
        if (!known || known.deletedAt) throw new AppError("not_found", { message: "private_link_invalid" });
      } else {
        if (!normalizePhone(input.phone ?? "")) fields.phone = "phone_invalid";
      }
      // From the private link the stored name may stand in for an empty one.
      const nameIssue = name || !known?.name ? nameProblem(name) : null;
      if (nameIssue) fields.name = nameIssue;
      if (!input.consent) fields.consent = "consult_consent_required";
      if (Object.keys(fields).length) {
        throw new AppError("validation", { message: "check_marked_fields", fields });
      }

      let customer: Customer;
      let token: string | null;
      // A phone number typed without the private link is a claim, not a proof: when it is an
      // existing customer's, the answers are kept as a submission marked not confirmed, and
      // nothing of theirs (name, consents, profile) changes until they or staff confirm it.
      let confirmed = true;
      if (known) {
        customer =
          name && name !== known.name ? tx.update(customers).set({ name }).where(eq(customers.id, known.id)).returning().get() : known;
        token = known.token;
      } else {
        const found = findOrCreateCustomer({ db: tx, phone: input.phone!, name, at: now });
        customer = found.customer;
        confirmed = found.created;
        token = found.created ? customer.token : null;
      }
      const marketing = !!input.marketing;
      if (confirmed) recordSubmissionConsents({ db: tx, customerId: customer.id, marketing, source: "consultation", at: now });
      const consentText = currentConsentText({ db: tx, kind: "consultation" });
      const row = tx
        .insert(consultationSubmissions)
        .values({
          templateVersionId: version.id,
          customerId: customer.id,
          answers,
          consentTextId: consentText.id,
          submittedAt: now,
          confirmed,
          claimedName: name || null,
          claimedMarketing: confirmed ? false : marketing,
        })
        .returning({ id: consultationSubmissions.id })
        .get();
      // The private link goes to the phone itself, never to whoever typed the number.
      enqueueMessage({
        tx,
        now,
        to: { customerId: customer.id, phone: customer.phone },
        template: "consultation_link",
        params: { url: publicUrl(`/me/${customer.token}`) },
        purpose: "transactional",
      });
      return { submissionId: row.id, customerId: customer.id, token };
    },
    { behavior: "immediate" },
  );
}

function recordSubmissionConsents({
  db,
  customerId,
  marketing,
  source,
  at,
}: {
  db: DbOrTx;
  customerId: number;
  marketing: boolean;
  source: string;
  at: number;
}): void {
  recordConsent({ db, customerId, kind: "consultation", granted: true, source, at });
  if (marketing) recordConsent({ db, customerId, kind: "marketing", granted: true, source, at });
}

/**
 * Confirm a submission that came with the customer's phone but not their private link: by
 * staff who checked in person, or by the customer from their private page (`token`). Its
 * consents (consultation, and marketing if ticked) are recorded now, as of the confirmation.
 */
export function confirmSubmission({
  db,
  submissionId,
  by,
  now = Date.now(),
}: {
  db: Db;
  submissionId: number;
  by: { userId: number } | { token: string };
  now?: number;
}): { customerId: number } {
  return db.transaction(
    (tx) => {
      const row = tx.select().from(consultationSubmissions).where(eq(consultationSubmissions.id, submissionId)).get();
      if ("token" in by) {
        const owner = findCustomerByToken({ db: tx, token: by.token });
        // Another customer's submission id answers exactly like a missing one.
        if (!owner || owner.deletedAt || !row || row.customerId !== owner.id)
          throw new AppError("not_found", { message: "submission_not_found" });
      } else if (!row) throw new AppError("not_found", { message: "submission_not_found" });
      confirmSubmissionInTx({ tx, row, source: "token" in by ? "my_page" : "staff", now });
      return { customerId: row.customerId };
    },
    { behavior: "immediate" },
  );
}

function confirmSubmissionInTx({
  tx,
  row,
  source,
  now,
}: {
  tx: DbOrTx;
  row: typeof consultationSubmissions.$inferSelect;
  source: string;
  now: number;
}): boolean {
  if (row.confirmed) return false;
  tx.update(consultationSubmissions).set({ confirmed: true, claimedMarketing: false }).where(eq(consultationSubmissions.id, row.id)).run();
  recordSubmissionConsents({ db: tx, customerId: row.customerId, marketing: row.claimedMarketing, source, at: now });
  return true;
}

/** A customer who proved their phone by one-time code confirms every answer sent with it. */
export function confirmPendingSubmissions({ tx, customerId, now }: { tx: DbOrTx; customerId: number; now: number }): number {
  const pending = tx
    .select()
    .from(consultationSubmissions)
    .where(and(eq(consultationSubmissions.customerId, customerId), eq(consultationSubmissions.confirmed, false)))
    .all();
  return pending.filter((row) => confirmSubmissionInTx({ tx, row, source: "phone_confirmed", now })).length;
}

export type SubmissionView = {
  id: number;
  templateId: number;
  templateTitle: string;
  templateSlug: string;
  version: number;
  questions: Question[];
  answers: Answers;
  submittedAt: number;
  consentTextId: number | null;
  /** False until the customer or staff confirm a submission made by phone number alone. */
  confirmed: boolean;
  claimedName: string | null;
};

/** Every submission of a customer, newest first, each with the questions of its own version. */
export function listSubmissions({ db, customerId }: { db: DbOrTx; customerId: number }): SubmissionView[] {
  return db
    .select({
      id: consultationSubmissions.id,
      templateId: consultationTemplates.id,
      templateTitle: consultationTemplates.title,
      templateSlug: consultationTemplates.slug,
      version: consultationTemplateVersions.version,
      questions: consultationTemplateVersions.questions,
      answers: consultationSubmissions.answers,
      submittedAt: consultationSubmissions.submittedAt,
      consentTextId: consultationSubmissions.consentTextId,
      confirmed: consultationSubmissions.confirmed,
      claimedName: consultationSubmissions.claimedName,
    })
    .from(consultationSubmissions)
    .innerJoin(consultationTemplateVersions, eq(consultationTemplateVersions.id, consultationSubmissions.templateVersionId))
    .innerJoin(consultationTemplates, eq(consultationTemplates.id, consultationTemplateVersions.templateId))
    .where(eq(consultationSubmissions.customerId, customerId))
    .orderBy(desc(consultationSubmissions.submittedAt), desc(consultationSubmissions.id))
    .all()
    .map((r) => ({ ...r, questions: readQuestions(r.questions), answers: r.answers as Answers }));
}

export type LatestAnswers = SubmissionView & { previous: SubmissionView | null; changes: AnswerChange[] };

/**
 * Submissions grouped by template, each group newest first: a re-submitted form is an edit
 * history, never a replacement. Groups come in the order of their latest submission.
 */
export function submissionHistories(submissions: SubmissionView[]): SubmissionView[][] {
  const byTemplate = new Map<number, SubmissionView[]>();
  const newestFirst = [...submissions].sort((a, b) => b.submittedAt - a.submittedAt || b.id - a.id);
  for (const s of newestFirst) byTemplate.set(s.templateId, [...(byTemplate.get(s.templateId) ?? []), s]);
  return [...byTemplate.values()];
}

/** Per template, the latest submission and what changed since the one before it. */
export function latestAnswersByTemplate({ db, customerId }: { db: DbOrTx; customerId: number }): LatestAnswers[] {
  return submissionHistories(listSubmissions({ db, customerId })).map(([latest, previous]) => ({
    ...latest,
    previous: previous ?? null,
    changes: previous ? diffAnswers({ previous, current: latest }) : [],
  }));
}

/** The answers to pre-fill a form with: the customer's last submission of this template, any version. */
export function lastAnswersFor({
  db,
  customerId,
  templateId,
}: {
  db: DbOrTx;
  customerId: number;
  templateId: number;
}): { answers: Answers; submittedAt: number } | null {
  const row = db
    .select({ answers: consultationSubmissions.answers, submittedAt: consultationSubmissions.submittedAt })
    .from(consultationSubmissions)
    .innerJoin(consultationTemplateVersions, eq(consultationTemplateVersions.id, consultationSubmissions.templateVersionId))
    // Only confirmed answers pre-fill the form: an unconfirmed one may be a stranger's.
    .where(
      and(
        eq(consultationSubmissions.customerId, customerId),
        eq(consultationTemplateVersions.templateId, templateId),
        eq(consultationSubmissions.confirmed, true),
      ),
    )
    .orderBy(desc(consultationSubmissions.submittedAt), desc(consultationSubmissions.id))
    .limit(1)
    .get();
  return row ? { answers: row.answers as Answers, submittedAt: row.submittedAt } : null;
}
