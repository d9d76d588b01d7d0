/**
 * The address customers reach the shop at, for links made outside a request (messages,
 * webhooks, the delivery worker): `PUBLIC_URL` (read once, by lib/web/request.ts), or
 * `http://localhost:3000` when unset. Links made while answering a request use
 * `publicUrl(headers, path)` there, which also honours TRUST_PROXY.
 */
import { configuredPublicOrigin } from "@/lib/web/request";

export function publicOrigin(): string {
  return configuredPublicOrigin() ?? `http://localhost:${process.env.PORT || 3000}`;
}

/** An absolute customer link for an app path such as `/o/<token>`. */
export function publicUrl(path: string): string {
  return publicOrigin() + (path.startsWith("/") ? path : `/${path}`);
}
