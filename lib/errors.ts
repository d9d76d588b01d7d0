/**
 * One error type for every rule that says no. An `AppError` carries no sentence: a `code`
 * (mapped once to an HTTP status), optionally a more specific message key, `params`, and
 * per-field keys (`fields: { phone: "invalid_phone" }`). The sentences live in the
 * next-intl catalogues `messages/ko/errors.json` and `messages/en/errors.json` and are looked
 * up at the edge (action state, API response, CLI, page) with `translateError`.
 * `Error.message` is the default-locale (Korean) rendering, for logs and tests only.
 */
import { createTranslator } from "next-intl";
import type { z } from "zod";
import en from "@/messages/en/errors.json" with { type: "json" };
import ko from "@/messages/ko/errors.json" with { type: "json" };
import { compileMessages } from "@/i18n/compile";
import { DEFAULT_LOCALE, type Locale } from "@/i18n/messages";
import { particle } from "@/lib/korean-particle";

export const ERROR_STATUS = {
  bad_request: 400,
  validation: 400,
  unauthorized: 401,
  invalid_api_key: 401,
  forbidden: 403,
  not_found: 404,
  unsupported_media_type: 415,
  sold_out: 409,
  slot_full: 409,
  conflict: 409,
  idempotency_conflict: 409,
  return_exceeds_purchase: 409,
  rack_slot_taken: 409,
  rack_full: 409,
  not_open_yet: 422,
  cutoff_passed: 422,
  closed_day: 422,
  not_offered: 422,
  notice_too_short: 422,
  payment_method_required: 422,
  no_show_too_early: 422,
  check_in_not_open: 422,
  invalid_transition: 422,
  insufficient_points: 422,
  payment_amount_mismatch: 422,
  payment_unavailable: 422,
  /** A coupon refused: the message says why (expired, paused, limit reached …). */
  coupon_invalid: 422,
  already_set_up: 422,
  rate_limited: 429,
  internal: 500,
  /** The database file is missing, damaged or not writable: the details go to the server log only. */
  database_unavailable: 503,
  /** The database file was replaced (a restore) during the request: nothing was saved. */
  database_replaced: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;
/** A sentence in `messages/<locale>/errors.json`: every error code is one, plus more specific ones. */
export type MessageKey = keyof typeof ko;
export type ErrorParams = Record<string, string | number>;
/** What is wrong with one input field: a message key, with params when the sentence has blanks. */
export type FieldError = { code: MessageKey; params?: ErrorParams };
export type FieldErrors = Record<string, FieldError>;
/** Fields as a thrower writes them: a bare key, or key and params. */
export type FieldErrorsInput = Record<string, MessageKey | FieldError>;

export type AppErrorOptions = {
  /** A more specific sentence than the code's own (`order_not_found` for `not_found`). */
  message?: MessageKey;
  /** Blanks in the message (and in the field messages that have none of their own). */
  params?: ErrorParams;
  fields?: FieldErrorsInput;
  /** Extra machine-readable members of the API error object (e.g. `items` for `sold_out`). */
  details?: Record<string, unknown>;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly key: MessageKey;
  readonly params?: ErrorParams;
  readonly fields?: FieldErrors;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, opts: AppErrorOptions = {}) {
    super(code);
    this.name = "AppError";
    this.code = code;
    this.key = opts.message ?? code;
    this.params = opts.params;
    this.fields = opts.fields ? normalizeFields(opts.fields) : undefined;
    this.details = opts.details;
    // Worded when first read (a log, a page, a test), not when thrown: the API words a refusal
    // in the request's own language anyway (errorResponse), so a refused order is worded once.
    // Until read it is an accessor, which structuredClone/postMessage do not copy: send an
    // AppError to another thread as its code, key, params and fields, never as the object.
    Object.defineProperty(this, "message", {
      configurable: true,
      get: () => ownMessage(this, errorSentence(this, DEFAULT_LOCALE)),
      set: (value: string) => ownMessage(this, value),
    });
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** `message` as the plain property an Error has, from now on. */
function ownMessage(e: AppError, message: string): string {
  Object.defineProperty(e, "message", { value: message, writable: true, configurable: true });
  return message;
}

function normalizeFields(fields: FieldErrorsInput): FieldErrors {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === "string" ? { code: v } : v]));
}

/**
 * The same error with its fields named as a form names its inputs (`items.0.quantity` →
 * `qty_12`), so each sentence lands under its own input; names `rename` keeps stay as they are.
 */
export function renameFields(e: AppError, rename: (field: string) => string): AppError {
  if (!e.fields) return e;
  const fields = Object.fromEntries(Object.entries(e.fields).map(([k, f]) => [rename(k), f]));
  return new AppError(e.code, { message: e.key, params: e.params, details: e.details, fields });
}

/**
 * An AppError as plain data, to cross to another thread (structuredClone keeps no class), with
 * its `cause` when that is words for the operator's log (database_unavailable).
 */
export type AppErrorWire = Pick<AppError, "code" | "key" | "params" | "fields" | "details"> & { cause?: string };

export function appErrorToWire(e: AppError): AppErrorWire {
  const { code, key, params, fields, details, cause } = e;
  return { code, key, params, fields, details, ...(typeof cause === "string" ? { cause } : {}) };
}

export function appErrorFromWire({ code, key, params, fields, details, cause }: AppErrorWire): AppError {
  const e = new AppError(code, { message: key, params, fields, details });
  if (cause !== undefined) e.cause = cause;
  return e;
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Precompiled like every catalogue (i18n/compile.ts): the formatter reads only that form. */
const CATALOGUES: Record<Locale, Record<string, unknown>> = { ko: compileMessages(ko), en: compileMessages(en) };
const translators = new Map<Locale, (key: string, params?: ErrorParams) => string>();

function translator(locale: Locale) {
  let t = translators.get(locale);
  if (!t) {
    const tr = createTranslator({ locale, messages: { errors: CATALOGUES[locale] }, namespace: "errors" });
    t = (key, params) => (tr as unknown as (k: string, p?: ErrorParams) => string)(key, params);
    translators.set(locale, t);
  }
  return t;
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(ko, key);
}

/**
 * Every param `p` also comes as `p_josa` (how the value ends when read aloud: `vowel`, `rieul`
 * or `consonant`), so a Korean sentence picks its particle with ICU select:
 * `{product}{product_josa, select, vowel {는} other {은}}`.
 */
function withJosa(params?: ErrorParams): ErrorParams | undefined {
  if (!params) return params;
  const out: ErrorParams = { ...params };
  for (const [k, v] of Object.entries(params)) {
    const word = String(v);
    out[`${k}_josa`] = particle(word, "은/는") === "는" ? "vowel" : particle(word, "으로/로") === "로" ? "rieul" : "consonant"; // hangul-ok: particle forms, not a sentence
  }
  return out;
}

/** One sentence from the errors catalogue in `locale`. */
export function errorText(locale: Locale, key: MessageKey, params?: ErrorParams): string {
  return translator(locale)(isMessageKey(key) ? key : "validation", withJosa(params));
}

export type TranslatedError = { code: ErrorCode; message: string; fields?: Record<string, string> };

/** The error's sentence and field sentences in `locale`: what an edge shows or returns. */
export function translateError(e: AppError, locale: Locale): TranslatedError {
  const message = errorText(locale, e.key, e.params);
  if (!e.fields) return { code: e.code, message };
  const fields = Object.fromEntries(Object.entries(e.fields).map(([k, f]) => [k, errorText(locale, f.code, { ...e.params, ...f.params })]));
  return { code: e.code, message, fields };
}

/** The one sentence a page or form leads with: a bare `validation` (a schema said no) reads as its first field's. */
export function errorSentence(e: AppError, locale: Locale): string {
  const { message, fields } = translateError(e, locale);
  return (e.key === "validation" && fields ? Object.values(fields)[0] : undefined) ?? message;
}

/**
 * Zod issues → field errors keyed by the dotted path. A schema names its sentence by key
 * (`.min(1, "name_required")`); an issue with zod's own wording (a missing object, a wrong
 * type: shapes no schema words itself) maps to a generic key by its kind. Bounds become params
 * (`{minimum}`, `{maximum}`), so one sentence serves every limit.
 */
export function fieldErrorsFromZod(issues: ReadonlyArray<z.core.$ZodIssue>, input?: unknown): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_";
    if (key in fields) continue;
    const params: ErrorParams = {};
    if ("minimum" in issue) params.minimum = Number(issue.minimum);
    if ("maximum" in issue) params.maximum = Number(issue.maximum);
    // A custom check (the text policy) may carry its own blanks.
    if (issue.code === "custom" && issue.params) Object.assign(params, issue.params);
    fields[key] = { code: isMessageKey(issue.message) ? issue.message : genericKey(issue, valueAt(input, issue.path)), params };
  }
  return fields;
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v = input;
  for (const p of path) v = v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

function genericKey(issue: z.core.$ZodIssue, value: unknown): MessageKey {
  switch (issue.code) {
    case "invalid_type":
      return value === undefined || value === null ? "field_required" : "field_invalid";
    case "too_small":
      return issue.origin === "string"
        ? "field_too_short"
        : issue.origin === "array" || issue.origin === "set"
          ? "field_too_few"
          : "field_too_small";
    case "too_big":
      return issue.origin === "string"
        ? "field_too_long"
        : issue.origin === "array" || issue.origin === "set"
          ? "field_too_many"
          : "field_too_big";
    default:
      return "field_invalid";
  }
}

/** A request body's JSON, or `bad_request` saying the body is not JSON. */
export function parseJsonOrThrow(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", { message: "body_not_json" });
  }
}

/** Validate with zod, or throw `validation` naming each bad field: the one place a parse fails. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("validation", { fields: fieldErrorsFromZod(parsed.error.issues, input) });
  return parsed.data;
}
