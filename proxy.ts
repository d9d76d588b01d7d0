/**
 * Security headers on every response (lib/web/security-headers.ts), with a fresh CSP nonce
 * per request handed to Next through the request headers. Identity and permission checks
 * stay on the server in each page, action and route: nothing here grants access.
 */
import { NextResponse, type NextRequest } from "next/server";
import { requestIsHttps } from "@/lib/web/request";
import { newNonce, securityHeaders } from "@/lib/web/security-headers";

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders({
    pathname: request.nextUrl.pathname,
    searchParams: request.nextUrl.searchParams,
    nonce,
    https: requestIsHttps(request.headers),
    dev: process.env.NODE_ENV === "development",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but Next's hashed static files and image optimiser (headers for those come
  // from next.config.ts).
  matcher: [{ source: "/((?!_next/static|_next/image).*)" }],
};
