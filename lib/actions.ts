/**
 * The one wrapper every server action goes through, in this order: session and role →
 * zod validation → the domain call (which owns its transaction) → revalidate/redirect.
 * It returns `ActionState`; a thrown error never reaches the user as a stack trace.
 */
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { AppError, fieldErrorsFromZod, isAppError, type FieldErrors } from "@/lib/errors";
import type { Permission } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import type { PublicUser } from "@/lib/auth/users";
import { clientAddressOf } from "@/lib/api/http";
import { takeToken } from "@/lib/api/rate-limit";

/**
 * Public forms (order, consultation, inquiry, review, my data) per client address per
 * minute: enough for a person, not for a script. `RATE_LIMIT_PUBLIC_FORMS_PER_MINUTE`, 0 off.
 */
function publicActionsPerMinute(): number {
  const n = Number(process.env.RATE_LIMIT_PUBLIC_FORMS_PER_MINUTE ?? 30);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : 30;
}

export type ActionState<T = unknown> =
  | { ok: true; message?: string; data?: T }
  | { ok: false; message: string; fieldErrors?: FieldErrors }
  | null;

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

export function errorState(e: unknown): ActionState<never> {
  unstable_rethrow(e); // redirect() and notFound() are control flow, not errors
  if (isAppError(e) && e.code === "database_unavailable") {
    console.error(e.message);
    return { ok: false, message: new AppError("database_unavailable").message };
  }
  if (isAppError(e)) return { ok: false, message: e.message, fieldErrors: e.fields };
  console.error(e);
  return { ok: false, message: new AppError("internal").message };
}

type Handler<S extends z.ZodType, T> = (input: z.infer<S>, ctx: { user: PublicUser | null }) => Promise<ActionState<T> | void> | ActionState<T> | void;

/**
 * Build a server action: `permission` null means public (storefront): rate-limited per
 * client address here, with its own token checks inside the handler.
 */
export function defineAction<S extends z.ZodType, T = unknown>(
  { permission, schema, parse = formToObject }: { permission: Permission | null; schema: S; parse?: (form: FormData) => unknown },
  handler: Handler<S, T>,
) {
  return async (_prev: ActionState<T>, form: FormData): Promise<ActionState<T>> => {
    try {
      const user = permission ? await requirePermission(permission) : null;
      if (!permission && !takeToken({ bucket: "public-actions", client: clientAddressOf(await headers()), limit: publicActionsPerMinute() })) {
        throw new AppError("rate_limited");
      }
      const parsed = schema.safeParse(parse(form));
      if (!parsed.success) {
        const fieldErrors = fieldErrorsFromZod(parsed.error.issues);
        return { ok: false, message: Object.values(fieldErrors)[0] ?? "입력한 내용을 다시 확인해 주세요.", fieldErrors };
      }
      return (await handler(parsed.data, { user })) ?? { ok: true };
    } catch (e) {
      return errorState(e);
    }
  };
}
