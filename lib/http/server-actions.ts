/**
 * Server action requests Next itself would answer with a 500 page: sent from another site
 * (Next aborts those as CSRF), too big, or not in a body format an action can have. The
 * proxy refuses them first with the right 4xx. No database here: the proxy imports it.
 */
import { localeFromAcceptLanguage } from "@/i18n/messages";
import { errorText } from "@/lib/errors";

/** Same number as `experimental.serverActions.bodySizeLimit` in next.config.ts. */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 9 * 1024 * 1024;

export type RequestProblem = { status: 400 | 403 | 413; code: string; message: string };

/** Action bodies are FormData (forms) or React's text encoding of arguments. */
const ACTION_BODY_TYPES = ["multipart/form-data", "text/plain", "application/x-www-form-urlencoded"];

export function serverActionProblem({ method, headers }: { method: string; headers: Headers }): RequestProblem | null {
  if (method !== "POST" || !headers.has("next-action")) return null;
  const locale = localeFromAcceptLanguage(headers.get("accept-language"));
  const origin = headers.get("origin");
  if (origin) {
    let originHost: string;
    try {
      originHost = origin === "null" ? "null" : new URL(origin).host;
    } catch {
      return { status: 400, code: "bad_request", message: errorText(locale, "request_origin_unreadable") };
    }
    const host = headers.get("x-forwarded-host")?.split(",")[0].trim() || headers.get("host");
    if (!host || originHost !== host) return { status: 403, code: "forbidden", message: errorText(locale, "request_cross_site") };
  }
  const length = Number(headers.get("content-length") ?? 0);
  if (!Number.isFinite(length) || length > SERVER_ACTION_BODY_LIMIT_BYTES) {
    return {
      status: 413,
      code: "payload_too_large",
      message: errorText(locale, "request_body_too_large", { mb: SERVER_ACTION_BODY_LIMIT_BYTES / 1024 / 1024 }),
    };
  }
  const type = (headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!ACTION_BODY_TYPES.includes(type)) return { status: 400, code: "bad_request", message: errorText(locale, "request_body_type") };
  return null;
}
