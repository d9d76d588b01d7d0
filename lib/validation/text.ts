/**
 * The one text policy for every entry point (storefront order, consultation, inquiry, my page,
 * import, API): names are single-line, visible text; free text may have line breaks but no
 * other control characters. The pure checks return a Korean message (or null); `nameField`
 * and `textField` wrap them for zod, so forms, the API and lib functions say the same thing.
 */
import { z } from "zod";

export const MAX_NAME_LENGTH = 40;

/** C0 controls (NUL, CR, LF, TAB …), DEL and C1 controls. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Controls other than line breaks and tab, for multi-line text. */
const CONTROL_EXCEPT_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** Bidirectional overrides and isolates: they make a name read differently from what it is. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
/** Characters that print nothing: spaces, zero-width marks, fillers, BOM, soft hyphen. */
const INVISIBLE = /[\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/gu;

/** 을/를, 은/는 after `label`: by the last Hangul syllable's final consonant (before any "(…)"). */
function withParticle(label: string, [afterConsonant, afterVowel]: [string, string]): string {
  const syllables = label.replace(/\(.*\)$/, "").match(/[\uac00-\ud7a3]/g);
  const last = syllables?.at(-1);
  const consonant = last ? (last.charCodeAt(0) - 0xac00) % 28 !== 0 : false;
  return `${label}${consonant ? afterConsonant : afterVowel}`;
}
const object = (label: string) => withParticle(label, ["을", "를"]);
const topic = (label: string) => withParticle(label, ["은", "는"]);

/** Names as stored: Unicode NFC, outer whitespace removed. */
export function normalizeName(value: string): string {
  return value.normalize("NFC").trim();
}

/** What is wrong with a (normalised) name, or null. `label` names the field in the message. */
export function nameProblem(name: string, { label = "이름", max = MAX_NAME_LENGTH }: { label?: string; max?: number } = {}): string | null {
  if (!name) return `${object(label)} 적어 주세요.`;
  if ([...name].length > max) return `${topic(label)} ${max}자까지 적을 수 있어요.`;
  if (CONTROL.test(name)) return `${label}에 줄바꿈이나 제어 문자는 쓸 수 없어요.`;
  if (BIDI_CONTROL.test(name)) return `${label}에 글자 방향을 바꾸는 문자는 쓸 수 없어요.`;
  if (/[<>]/.test(name)) return `${label}에 < > 기호는 쓸 수 없어요.`;
  if (!name.replace(INVISIBLE, "")) return `${label}에 보이는 글자가 없어요.`;
  return null;
}

/** Multi-line text as stored: NFC, CRLF → LF, outer whitespace removed. */
export function normalizeText(value: string): string {
  return value.normalize("NFC").replace(/\r\n?/g, "\n").trim();
}

/** What is wrong with a (normalised) free text, or null. Empty is allowed unless `required`. */
export function textProblem(text: string, { label = "내용", max, required = false }: { label?: string; max: number; required?: boolean }): string | null {
  if (!text) return required ? `${object(label)} 적어 주세요.` : null;
  if ([...text].length > max) return `${topic(label)} ${max.toLocaleString("ko-KR")}자까지 적을 수 있어요.`;
  if (CONTROL_EXCEPT_BREAKS.test(text)) return `${label}에 쓸 수 없는 제어 문자가 있어요.`;
  return null;
}

/** A zod string field under the name policy (normalised on the way in). */
export function nameField(options: { label?: string; max?: number } = {}) {
  return z
    .string({ error: `${object(options.label ?? "이름")} 적어 주세요.` })
    .transform(normalizeName)
    .superRefine((v, ctx) => {
      const problem = nameProblem(v, options);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

/** A zod string field under the free-text policy (normalised on the way in). */
export function textField(options: { label?: string; max: number; required?: boolean }) {
  return z
    .string()
    .transform(normalizeText)
    .superRefine((v, ctx) => {
      const problem = textProblem(v, options);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}
