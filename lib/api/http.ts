/**
 * Route-handler plumbing for API v1: one error shape, JSON parsing with a size cap, API key
 * and role checks. Route files stay thin adapters over lib/.
 */
import { describeSqliteError, getDb } from "@/db/client";
import { databasePath } from "@/lib/config/paths";
import { verifyApiKey } from "@/lib/auth/api-keys";
import { can, type Permission } from "@/lib/auth/permissions";
import { AppError, isAppError, parseJsonOrThrow, parseOrThrow, translateError } from "@/lib/errors";
import { localeFromAcceptLanguage } from "@/i18n/messages";
import type { z } from "zod";
import { clientAddressOf } from "@/lib/web/request";

const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, ...headers } });
}

/** The error shape, worded in Korean unless the request asks for English (`Accept-Language: en`). */
export function errorResponse(e: unknown, req?: Request): Response {
  const locale = localeFromAcceptLanguage(req?.headers.get("accept-language"));
  // A damaged or read-only file found mid-request: said in words in the log, 503 to the caller.
  e = describeSqliteError(databasePath(), e) ?? e;
  // Which file and why (`cause`) is for the operator's log, not for whoever sent the request.
  if (isAppError(e) && e.code === "database_unavailable") console.error(e.cause ?? e.message);
  if (!isAppError(e)) console.error(e);
  const err = isAppError(e) ? e : new AppError("internal");
  const { code, message, fields } = translateError(err, locale);
  const error: Record<string, unknown> = { code, message };
  if (fields) error.fields = fields;
  if (err.details) Object.assign(error, err.details);
  return json({ error }, err.status);
}

type Ctx<P> = { params: Promise<P> };

/** Wrap a handler so every thrown error becomes the API's error shape. */
export function apiRoute<P = Record<string, string>>(handler: (req: Request, ctx: Ctx<P>) => Promise<Response> | Response) {
  return async (req: Request, ctx: Ctx<P>): Promise<Response> => {
    try {
      return await handler(req, ctx);
    } catch (e) {
      return errorResponse(e, req);
    }
  };
}

const MAX_BODY_BYTES = 256 * 1024;

export async function readBody(req: Request, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > maxBytes) throw new AppError("bad_request", { message: "body_too_large", params: { maxKb: Math.round(maxBytes / 1024) } });
  const text = await req.text();
  if (Buffer.byteLength(text) > maxBytes)
    throw new AppError("bad_request", { message: "body_too_large", params: { maxKb: Math.round(maxBytes / 1024) } });
  return text;
}

export async function readJson(req: Request): Promise<unknown> {
  return parseJsonOrThrow(await readBody(req));
}

/** Refuse a body that does not say it is JSON (`application/json` or `…+json`, any charset). */
export function requireJsonContentType(req: Request): void {
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json" && !/^application\/[\w.-]+\+json$/.test(type)) throw new AppError("unsupported_media_type");
}

/** Validate with zod, or throw `validation` naming each bad field (`parseOrThrow`). */
export function parseWith<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  return parseOrThrow(schema, data);
}

/** An API key with a role allowed `permission`; `allowSession` also accepts a signed-in user. */
export async function requireApiAccess(
  req: Request,
  permission: Permission,
  { allowSession = false } = {},
): Promise<{ via: "key" | "session" }> {
  const header = req.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (match) {
    const key = verifyApiKey({ db: getDb(), key: match[1].trim() });
    if (!key) throw new AppError("invalid_api_key");
    if (!can(key.scope, permission)) throw new AppError("forbidden");
    return { via: "key" };
  }
  if (allowSession) {
    // Loaded on demand: next-auth needs Next's server runtime, which the public routes (and
    // their tests, which call handlers directly under vitest) never touch.
    const { currentUser } = await import("@/lib/auth/session");
    const user = await currentUser();
    if (user) {
      if (!can(user.role, permission)) throw new AppError("forbidden");
      return { via: "session" };
    }
  }
  throw new AppError("invalid_api_key");
}

/** The client's address for rate limiting (lib/web/request.ts decides what to believe). */
export function clientAddress(req: Request): string {
  return clientAddressOf(req.headers);
}

export { clientAddressOf };
