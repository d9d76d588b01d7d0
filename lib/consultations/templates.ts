/**
 * Consultation templates and their versions. A version's questions are frozen once anyone
 * has answered it: saving then makes a new version, and old submissions keep pointing at
 * the questions they were answered on.
 */
import crypto from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import {
  consultationSubmissions,
  consultationTemplates,
  consultationTemplateVersions,
  type ConsultationTemplate,
  type ConsultationTemplateVersion,
} from "@/db/schema";
import { AppError, parseOrThrow } from "@/lib/errors";
import { questionsSchema, readQuestions } from "./question-schema";
import type { Question } from "./questions";

export const templateInput = z.object({
  title: z.string().trim().min(1, "template_title_required").max(80, "template_title_too_long"),
  description: z.string().trim().max(500, "template_description_too_long").optional().default(""),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, "slug_format")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  active: z.boolean().optional().default(true),
  questions: questionsSchema,
});
export type TemplateInput = z.input<typeof templateInput>;

export type TemplateWithVersion = ConsultationTemplate & {
  version: ConsultationTemplateVersion;
  questions: Question[];
  submissionCount: number;
};

function parseTemplateInput(input: unknown) {
  return parseOrThrow(templateInput, input);
}

function randomSlug(): string {
  return `form-${crypto.randomBytes(4).toString("hex")}`;
}

function slugTaken(db: DbOrTx, slug: string, exceptId?: number): boolean {
  const row = db.select({ id: consultationTemplates.id }).from(consultationTemplates).where(eq(consultationTemplates.slug, slug)).get();
  return !!row && row.id !== exceptId;
}

export function latestVersion({ db, templateId }: { db: DbOrTx; templateId: number }): ConsultationTemplateVersion | undefined {
  return db
    .select()
    .from(consultationTemplateVersions)
    .where(eq(consultationTemplateVersions.templateId, templateId))
    .orderBy(desc(consultationTemplateVersions.version))
    .limit(1)
    .get();
}

function submissionsOnVersion(db: DbOrTx, versionId: number): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(consultationSubmissions)
    .where(eq(consultationSubmissions.templateVersionId, versionId))
    .get();
  return Number(row?.n ?? 0);
}

export function createTemplate({ db, input, now = Date.now() }: { db: Db; input: unknown; now?: number }): TemplateWithVersion {
  const data = parseTemplateInput(input);
  const id = db.transaction(
    (tx) => {
      const slug = data.slug ?? randomSlug();
      if (slugTaken(tx, slug)) throw new AppError("conflict", { message: "slug_taken", fields: { slug: "slug_taken" } });
      const t = tx
        .insert(consultationTemplates)
        .values({ slug, title: data.title, description: data.description, active: data.active, createdAt: now })
        .returning()
        .get();
      tx.insert(consultationTemplateVersions).values({ templateId: t.id, version: 1, questions: data.questions, createdAt: now }).run();
      return t.id;
    },
    { behavior: "immediate" },
  );
  return getTemplate({ db, id })!;
}

/**
 * Save a template. Questions of a version nobody has answered are edited in place; once a
 * version has answers, changed questions become version n+1. Unchanged questions make no version.
 */
export function updateTemplate({
  db,
  id,
  input,
  now = Date.now(),
}: {
  db: Db;
  id: number;
  input: unknown;
  now?: number;
}): TemplateWithVersion & { newVersion: boolean } {
  const data = parseTemplateInput(input);
  const newVersion = db.transaction(
    (tx) => {
      const t = tx.select().from(consultationTemplates).where(eq(consultationTemplates.id, id)).get();
      if (!t) throw new AppError("not_found", { message: "template_not_found" });
      const slug = data.slug ?? t.slug;
      if (slugTaken(tx, slug, id)) throw new AppError("conflict", { message: "slug_taken", fields: { slug: "slug_taken" } });
      tx.update(consultationTemplates)
        .set({ slug, title: data.title, description: data.description, active: data.active })
        .where(eq(consultationTemplates.id, id))
        .run();
      const latest = latestVersion({ db: tx, templateId: id });
      if (latest && JSON.stringify(latest.questions) === JSON.stringify(data.questions)) return false;
      if (latest && submissionsOnVersion(tx, latest.id) === 0) {
        tx.update(consultationTemplateVersions)
          .set({ questions: data.questions })
          .where(eq(consultationTemplateVersions.id, latest.id))
          .run();
        return false;
      }
      tx.insert(consultationTemplateVersions)
        .values({ templateId: id, version: (latest?.version ?? 0) + 1, questions: data.questions, createdAt: now })
        .run();
      return true;
    },
    { behavior: "immediate" },
  );
  return { ...getTemplate({ db, id })!, newVersion };
}

function withLatest(db: DbOrTx, t: ConsultationTemplate | undefined): TemplateWithVersion | undefined {
  if (!t) return undefined;
  const version = latestVersion({ db, templateId: t.id });
  if (!version) return undefined;
  const n = db
    .select({ n: sql<number>`count(*)` })
    .from(consultationSubmissions)
    .innerJoin(consultationTemplateVersions, eq(consultationTemplateVersions.id, consultationSubmissions.templateVersionId))
    .where(eq(consultationTemplateVersions.templateId, t.id))
    .get();
  return { ...t, version, questions: readQuestions(version.questions), submissionCount: Number(n?.n ?? 0) };
}

export function getTemplate({ db, id }: { db: DbOrTx; id: number }): TemplateWithVersion | undefined {
  return withLatest(db, db.select().from(consultationTemplates).where(eq(consultationTemplates.id, id)).get());
}

/** The public form's template: only active ones. */
export function getActiveTemplateBySlug({ db, slug }: { db: DbOrTx; slug: string }): TemplateWithVersion | undefined {
  if (typeof slug !== "string" || slug.length > 60) return undefined;
  return withLatest(
    db,
    db
      .select()
      .from(consultationTemplates)
      .where(and(eq(consultationTemplates.slug, slug), eq(consultationTemplates.active, true)))
      .get(),
  );
}

export function listTemplates({ db }: { db: DbOrTx }): TemplateWithVersion[] {
  return db
    .select()
    .from(consultationTemplates)
    .orderBy(desc(consultationTemplates.active), consultationTemplates.id)
    .all()
    .map((t) => withLatest(db, t))
    .filter((t): t is TemplateWithVersion => !!t);
}
