/**
 * A customer's answers to a consultation form. The customer is the one record of their
 * orders (name + phone → upsertCustomer), or — from their private link — the token's owner.
 * The consultation consent text and its version are stored with every submission.
 */
import { and, desc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { consultationSubmissions, consultationTemplates, consultationTemplateVersions, customers, type Customer } from "@/db/schema";
import { currentConsentText, recordConsent } from "@/lib/customers/consent";
import { findCustomerByToken, upsertCustomer } from "@/lib/customers/customers";
import { normalizePhone } from "@/lib/customers/phone";
import { AppError, type FieldErrorsInput } from "@/lib/errors";
import { diffAnswers, type AnswerChange } from "./changes";
import { readQuestions, validateAnswers, type Answers, type Question } from "./questions";

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

export function submitConsultation({ db, slug, input, now = Date.now() }: { db: Db; slug: string; input: SubmitInput; now?: number }): SubmitResult {
  return db.transaction(
    (tx) => {
      const template = tx.select().from(consultationTemplates).where(and(eq(consultationTemplates.slug, slug), eq(consultationTemplates.active, true))).get();
      if (!template) throw new AppError("not_found", { message: "template_not_found" });
      const version = tx.select().from(consultationTemplateVersions).where(eq(consultationTemplateVersions.id, input.templateVersionId)).get();
      if (!version || version.templateId !== template.id) throw new AppError("not_found", { message: "template_version_not_found" });
      const questions = readQuestions(version.questions);

      const fields: FieldErrorsInput = {};
      const { answers, errors } = validateAnswers(questions, input.rawAnswers);
      for (const [id, message] of Object.entries(errors)) fields[`q.${id}`] = message;
      const name = (input.name ?? "").trim();
      let known: Customer | undefined;
      if (input.token) {
        known = findCustomerByToken({ db: tx, token: input.token });
        if (!known || known.deletedAt) throw new AppError("not_found", { message: "private_link_invalid" });
      } else {
        if (!normalizePhone(input.phone ?? "")) fields.phone = "phone_invalid";
      }
      if (!name && !known?.name) fields.name = "name_required";
      if (name.length > 40) fields.name = { code: "name_too_long", params: { maximum: 40 } };
      if (!input.consent) fields.consent = "consult_consent_required";
      if (Object.keys(fields).length) {
        throw new AppError("validation", { message: "check_marked_fields", fields });
      }

      let customer: Customer;
      let token: string | null;
      if (known) {
        customer = name && name !== known.name ? tx.update(customers).set({ name }).where(eq(customers.id, known.id)).returning().get() : known;
        token = known.token;
      } else {
        const normalized = normalizePhone(input.phone!)!;
        const existed = !!tx.select({ id: customers.id }).from(customers).where(eq(customers.phone, normalized)).get();
        customer = upsertCustomer({ db: tx, phone: normalized, name, at: now });
        token = existed ? null : customer.token;
      }
      recordConsent({ db: tx, customerId: customer.id, kind: "consultation", granted: true, source: "consultation", at: now });
      if (input.marketing) {
        recordConsent({ db: tx, customerId: customer.id, kind: "marketing", granted: true, source: "consultation", at: now });
        tx.update(customers).set({ marketingConsent: true }).where(eq(customers.id, customer.id)).run();
      }
      const consentText = currentConsentText({ db: tx, kind: "consultation" });
      const row = tx
        .insert(consultationSubmissions)
        .values({ templateVersionId: version.id, customerId: customer.id, answers, consentTextId: consentText.id, submittedAt: now })
        .returning({ id: consultationSubmissions.id })
        .get();
      return { submissionId: row.id, customerId: customer.id, token };
    },
    { behavior: "immediate" },
  );
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

/** Per template, the latest submission and what changed since the one before it. */
export function latestAnswersByTemplate({ db, customerId }: { db: DbOrTx; customerId: number }): LatestAnswers[] {
  const all = listSubmissions({ db, customerId });
  const byTemplate = new Map<number, SubmissionView[]>();
  for (const s of all) byTemplate.set(s.templateId, [...(byTemplate.get(s.templateId) ?? []), s]);
  return [...byTemplate.values()].map(([latest, previous]) => ({
    ...latest,
    previous: previous ?? null,
    changes: previous ? diffAnswers({ previous, current: latest }) : [],
  }));
}

/** The answers to pre-fill a form with: the customer's last submission of this template, any version. */
export function lastAnswersFor({ db, customerId, templateId }: { db: DbOrTx; customerId: number; templateId: number }): { answers: Answers; submittedAt: number } | null {
  const row = db
    .select({ answers: consultationSubmissions.answers, submittedAt: consultationSubmissions.submittedAt })
    .from(consultationSubmissions)
    .innerJoin(consultationTemplateVersions, eq(consultationTemplateVersions.id, consultationSubmissions.templateVersionId))
    .where(and(eq(consultationSubmissions.customerId, customerId), eq(consultationTemplateVersions.templateId, templateId)))
    .orderBy(desc(consultationSubmissions.submittedAt), desc(consultationSubmissions.id))
    .limit(1)
    .get();
  return row ? { answers: row.answers as Answers, submittedAt: row.submittedAt } : null;
}
