/**
 * Runs before every route. Refuses malformed server action requests with a 4xx (see
 * lib/http/server-actions.ts) instead of letting Next answer them with a 500, and sets the
 * security headers on every response (lib/web/security-headers.ts), with a fresh CSP nonce
 * per request handed to Next through the request headers. Identity and permission checks
 * stay on the server in each page, action and route: nothing here grants access.
 */
import { NextResponse, type NextRequest } from "next/server";
import { serverActionProblem } from "@/lib/http/server-actions";
import { requestIsHttps } from "@/lib/web/request";
import { newNonce, securityHeaders } from "@/lib/web/security-headers";
import { tossSources } from "@/lib/payments/adapters/toss";

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders({
    pathname: request.nextUrl.pathname,
    searchParams: request.nextUrl.searchParams,
    nonce,
    https: requestIsHttps(request.headers),
    dev: process.env.NODE_ENV === "development",
    paymentProvider: tossSources(),
  });
  const problem = serverActionProblem({ method: request.method, headers: request.headers });
  const response = problem
    ? NextResponse.json({ error: { code: problem.code, message: problem.message } }, { status: problem.status })
    : NextResponse.next({ request: { headers: withNonce(request.headers, nonce, headers["Content-Security-Policy"]) } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

function withNonce(incoming: Headers, nonce: string, csp: string): Headers {
  const requestHeaders = new Headers(incoming);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  return requestHeaders;
}

export const config = {
  // Everything but Next's hashed static files and image optimiser (headers for those come
  // from next.config.ts).
  matcher: [{ source: "/((?!_next/static|_next/image).*)" }],
};
