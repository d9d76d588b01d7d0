/**
 * What customers are told: the default wording of each message lives in
 * `messages/<locale>/outbox.json`; the owner may replace it (table `message_texts`) within
 * limits — the same placeholders, nothing new, at most `MAX_TEXT_LENGTH` characters.
 */
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { preparedQuery } from "@/db/prepared";
import { messageTexts } from "@/db/schema";
import { AppError } from "@/lib/errors";
import en from "@/messages/en/outbox.json" with { type: "json" };
import ko from "@/messages/ko/outbox.json" with { type: "json" };
import type { MessageTemplate } from "./outbox";
import { fill, placeholders } from "./template-fill";

export { fill, placeholders };

export type MessageLocale = "ko" | "en";
const CATALOGUES = { ko, en } as const;

export const TEMPLATES = Object.keys(ko.templates) as MessageTemplate[];

/** 알림톡 allows 1,000 characters; a text this short also fits one LMS with the ad framing. */
export const MAX_TEXT_LENGTH = 300;

export function catalogue(locale: MessageLocale) {
  return CATALOGUES[locale];
}

export function defaultText(template: MessageTemplate, locale: MessageLocale): string {
  return CATALOGUES[locale].templates[template];
}

/** The owner's text where there is one, else the default. */
export function templateText({ db, template, locale }: { db: DbOrTx; template: MessageTemplate; locale: MessageLocale }): string {
  const row = preparedQuery(db, "message-texts.one", (q) =>
    q
      .select({ body: messageTexts.body })
      .from(messageTexts)
      .where(and(eq(messageTexts.template, sql.placeholder("template")), eq(messageTexts.locale, sql.placeholder("locale"))))
      .prepare(),
  ).get({ template, locale });
  return row?.body ?? defaultText(template, locale);
}

/** A text the owner may save: not empty, short enough, the default's placeholders and no others. */
export function validateText(template: MessageTemplate, locale: MessageLocale, body: string): string {
  const clean = body.trim();
  if (!TEMPLATES.includes(template)) throw new AppError("validation", { message: "message_unknown" });
  if (!clean) throw new AppError("validation", { message: "message_text_required", fields: { body: "message_text_required" } });
  if (clean.length > MAX_TEXT_LENGTH) {
    throw new AppError("validation", {
      message: "message_text_too_long",
      params: { max: MAX_TEXT_LENGTH },
      fields: { body: "message_text_too_long" },
    });
  }
  const required = placeholders(defaultText(template, locale));
  const used = placeholders(clean);
  const missing = required.filter((p) => !used.includes(p));
  const unknown = used.filter((p) => !required.includes(p));
  if (missing.length) {
    const list = missing.map((p) => `{${p}}`).join(", ");
    throw new AppError("validation", {
      message: "message_text_missing_placeholders",
      params: { list },
      fields: { body: "message_text_missing_placeholders_field" },
    });
  }
  if (unknown.length) {
    const list = unknown.map((p) => `{${p}}`).join(", ");
    throw new AppError("validation", {
      message: "message_text_unknown_placeholders",
      params: { list },
      fields: { body: "message_text_unknown_placeholders_field" },
    });
  }
  return clean;
}

/** Save (or, with an empty `body` and `reset`, remove) the owner's wording. */
export function saveTemplateText({
  db,
  template,
  locale,
  body,
  reset = false,
  now = Date.now(),
}: {
  db: DbOrTx;
  template: MessageTemplate;
  locale: MessageLocale;
  body: string;
  reset?: boolean;
  now?: number;
}): void {
  if (reset) {
    db.delete(messageTexts)
      .where(and(eq(messageTexts.template, template), eq(messageTexts.locale, locale)))
      .run();
    return;
  }
  const clean = validateText(template, locale, body);
  db.insert(messageTexts)
    .values({ template, locale, body: clean, updatedAt: now })
    .onConflictDoUpdate({ target: [messageTexts.template, messageTexts.locale], set: { body: clean, updatedAt: now } })
    .run();
}
