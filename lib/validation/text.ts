/**
 * The one text policy for every entry point (storefront order, consultation, inquiry, my page,
 * import, API): names are single-line, visible text; free text may have line breaks but no
 * other control characters. The pure checks return a field error (message key and params, or
 * null); `nameField`
 * and `textField` wrap them for zod, so forms, the API and lib functions say the same thing.
 */
import { z } from "zod";
import type { FieldError, MessageKey } from "@/lib/errors";

export const MAX_NAME_LENGTH = 40;

/** C0 controls (NUL, CR, LF, TAB …), DEL and C1 controls. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Controls other than line breaks and tab, for multi-line text. */
const CONTROL_EXCEPT_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** Bidirectional overrides and isolates: they make a name read differently from what it is. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
/** Characters that print nothing: spaces, zero-width marks, fillers, BOM, soft hyphen. */
const INVISIBLE =
  /[\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/gu;

/** Names as stored: Unicode NFC, outer whitespace removed. */
export function normalizeName(value: string): string {
  return value.normalize("NFC").trim();
}

/** What is wrong with a (normalised) name, or null. */
export function nameProblem(name: string, { max = MAX_NAME_LENGTH }: { max?: number } = {}): FieldError | null {
  if (!name) return { code: "name_required" };
  if ([...name].length > max) return { code: "name_too_long", params: { maximum: max } };
  if (CONTROL.test(name)) return { code: "name_control_chars" };
  if (BIDI_CONTROL.test(name)) return { code: "name_bidi_chars" };
  if (/[<>]/.test(name)) return { code: "name_no_angle_brackets" };
  if (!name.replace(INVISIBLE, "")) return { code: "name_invisible" };
  return null;
}

/** Multi-line text as stored: NFC, CRLF → LF, outer whitespace removed. */
export function normalizeText(value: string): string {
  return value.normalize("NFC").replace(/\r\n?/g, "\n").trim();
}

/** Which free text: names the sentences of `textProblem`. */
export type TextKind = "inquiry" | "reply" | "note" | "review";
const TEXT_KEYS: Record<TextKind, { required: MessageKey; tooLong: MessageKey }> = {
  inquiry: { required: "inquiry_required", tooLong: "inquiry_too_long" },
  reply: { required: "reply_required", tooLong: "reply_too_long" },
  note: { required: "note_required", tooLong: "note_too_long" },
  review: { required: "review_required", tooLong: "review_too_long" },
};

/** What is wrong with a (normalised) free text, or null. Empty is allowed unless `required`. */
export function textProblem(
  text: string,
  { kind, max, required = false }: { kind: TextKind; max: number; required?: boolean },
): FieldError | null {
  if (!text) return required ? { code: TEXT_KEYS[kind].required } : null;
  if ([...text].length > max) return { code: TEXT_KEYS[kind].tooLong, params: { max, maximum: max } };
  if (CONTROL_EXCEPT_BREAKS.test(text)) return { code: "text_control_chars" };
  return null;
}

/** A zod string field under the name policy (normalised on the way in). */
export function nameField(options: { max?: number } = {}) {
  return z
    .string({ error: "name_required" })
    .transform(normalizeName)
    .superRefine((v, ctx) => {
      const problem = nameProblem(v, options);
      if (problem) ctx.addIssue({ code: "custom", message: problem.code, params: problem.params });
    });
}

/** A zod string field under the free-text policy (normalised on the way in). */
export function textField(options: { kind: TextKind; max: number; required?: boolean }) {
  return z
    .string()
    .transform(normalizeText)
    .superRefine((v, ctx) => {
      const problem = textProblem(v, options);
      if (problem) ctx.addIssue({ code: "custom", message: problem.code, params: problem.params });
    });
}
