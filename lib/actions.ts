/**
 * The one wrapper every server action goes through, in this order: session and role →
 * zod validation → the domain call (which owns its transaction) → revalidate/redirect.
 * It returns `ActionState`; a thrown error never reaches the user as a stack trace.
 */
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { getLocale } from "next-intl/server";
import type { z } from "zod";
import { resolveLocale } from "@/i18n/messages";
import { AppError, errorSentence, isAppError, parseOrThrow, translateError } from "@/lib/errors";
import type { Permission } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import type { PublicUser } from "@/lib/auth/users";
import { clientAddressOf } from "@/lib/web/request";
import { takeToken } from "@/lib/api/rate-limit";

/**
 * Public forms (order, consultation, inquiry, review, my data) per client address per
 * minute: enough for a person, not for a script. `RATE_LIMIT_PUBLIC_FORMS_PER_MINUTE`, 0 off.
 */
function publicActionsPerMinute(): number {
  const n = Number(process.env.RATE_LIMIT_PUBLIC_FORMS_PER_MINUTE ?? 30);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : 30;
}

/** What a form shows: sentences in the visitor's language (`fieldErrors` per input name). */
export type ActionState<T = unknown> =
  { ok: true; message?: string; data?: T } | { ok: false; message: string; fieldErrors?: Record<string, string> } | null;

/**
 * How a component sees an action the page hands it: a form action for `useActionState`, or a
 * command called with a typed object. Components never import actions from `app/`.
 */
export type FormAction<T = unknown> = (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>;
export type CommandAction<I, T = unknown> = (input: I) => Promise<ActionState<T>>;

/** FormData → plain object; repeated names become arrays. */
export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const v = typeof value === "string" ? value : value.name;
    if (key in out) out[key] = ([] as unknown[]).concat(out[key], v);
    else out[key] = v;
  }
  return out;
}

/**
 * An error as form state, worded in the visitor's language (the `locale` cookie). A bare
 * `validation` error (a schema said no) leads with its first field's sentence.
 */
export async function errorState(e: unknown): Promise<ActionState<never>> {
  unstable_rethrow(e); // redirect() and notFound() are control flow, not errors
  // Which database file and why (`cause`) goes to the server log only.
  if (isAppError(e) && e.code === "database_unavailable") console.error(e.cause ?? e.message);
  if (!isAppError(e)) console.error(e);
  const err = isAppError(e) ? e : new AppError("internal");
  const locale = resolveLocale(await getLocale());
  return { ok: false, message: errorSentence(err, locale), fieldErrors: translateError(err, locale).fields };
}

type Ctx<P> = { user: P extends Permission ? PublicUser : null };
type Handler<S extends z.ZodType, T, P> = (input: z.infer<S>, ctx: Ctx<P>) => Promise<ActionState<T> | void> | ActionState<T> | void;

/** The checks every action shares, before its handler: session and role, rate limit, schema. */
async function prepare<S extends z.ZodType, P extends Permission | null>(permission: P, schema: S, raw: () => unknown) {
  const user = (permission ? await requirePermission(permission) : null) as Ctx<P>["user"];
  if (!permission && !takeToken({ bucket: "public-actions", client: clientAddressOf(await headers()), limit: publicActionsPerMinute() })) {
    throw new AppError("rate_limited");
  }
  return { input: parseOrThrow(schema, raw()) as z.infer<S>, user };
}

/**
 * Build a form server action (`useActionState`): `permission` null means public
 * (storefront): rate-limited per client address here, with its own token checks inside the
 * handler. With a permission the handler's `user` is the signed-in user, never null.
 */
export function defineAction<S extends z.ZodType, T = unknown, P extends Permission | null = Permission | null>(
  { permission, schema, parse = formToObject }: { permission: P; schema: S; parse?: (form: FormData) => unknown },
  handler: Handler<S, T, P>,
) {
  return async (_prev: ActionState<T>, form: FormData): Promise<ActionState<T>> => {
    try {
      const { input, user } = await prepare(permission, schema, () => parse(form));
      return (await handler(input, { user })) ?? { ok: true };
    } catch (e) {
      return errorState(e);
    }
  };
}

/**
 * The same checks for an action called with a typed object rather than a form (a tap on
 * the rack board): `action(input)` validates `input` with the schema and returns the state.
 */
export function defineCommand<S extends z.ZodType, T = unknown, P extends Permission | null = Permission | null>(
  { permission, schema }: { permission: P; schema: S },
  handler: Handler<S, T, P>,
) {
  return async (input: z.input<S>): Promise<ActionState<T>> => {
    try {
      const prepared = await prepare(permission, schema, () => input);
      return (await handler(prepared.input, { user: prepared.user })) ?? { ok: true };
    } catch (e) {
      return errorState(e);
    }
  };
}
