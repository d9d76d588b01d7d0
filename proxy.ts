/**
 * Runs before every route. Refuses malformed server action requests with a 4xx (see
 * lib/http/server-actions.ts) instead of letting Next answer them with a 500, and sets the
 * security headers on every response (lib/web/security-headers.ts), with a fresh CSP nonce
 * per request handed to Next through the request headers. Answers the storefront's first page
 * from its shared render when the visitor would get the same page (lib/storefront/html-cache.ts).
 * Identity and permission checks stay on the server in each page, action and route: nothing
 * here grants access.
 */
import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { serverActionProblem } from "@/lib/http/server-actions";
import { requestIsHttps } from "@/lib/web/request";
import { newNonce, securityHeaders } from "@/lib/web/security-headers";
import { tossSources } from "@/lib/payments/adapters/toss";
import {
  FRESH_HEADER,
  internalRender,
  ORDER_KEY_HEADER,
  PRIVATE_REQUEST_HEADERS,
  RENDER_HEADER,
  renderHeaderValue,
  sharedPage,
  sharedPageKey,
  toRenderedPage,
} from "@/lib/storefront/html-cache";

export async function proxy(request: NextRequest) {
  const internal = internalRender(request.headers);
  const nonce = internal?.nonce ?? newNonce();
  const orderKey = internal?.orderKey ?? crypto.randomUUID();
  const headers = securityHeaders({
    pathname: request.nextUrl.pathname,
    searchParams: request.nextUrl.searchParams,
    nonce,
    https: requestIsHttps(request.headers),
    dev: process.env.NODE_ENV === "development",
    paymentProvider: tossSources(),
  });
  const problem = serverActionProblem({ method: request.method, headers: request.headers });
  let response: NextResponse;
  if (problem) {
    response = NextResponse.json({ error: { code: problem.code, message: problem.message } }, { status: problem.status });
  } else {
    const shared = await fromSharedPage(request, { nonce, orderKey });
    response = shared
      ? new NextResponse(shared.body, { status: shared.status, headers: shared.headers })
      : NextResponse.next({
          request: {
            headers: pageHeaders(request.headers, { nonce, orderKey, csp: headers["Content-Security-Policy"], fresh: !!internal }),
          },
        });
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** What the page reads from the request: the nonce, its order form's key, whether to read the database fresh. */
function pageHeaders(
  incoming: Headers,
  { nonce, orderKey, csp, fresh }: { nonce: string; orderKey: string; csp: string; fresh: boolean },
): Headers {
  const requestHeaders = new Headers(incoming);
  for (const name of PRIVATE_REQUEST_HEADERS) requestHeaders.delete(name);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  requestHeaders.set(ORDER_KEY_HEADER, orderKey);
  if (fresh) requestHeaders.set(FRESH_HEADER, "1");
  return requestHeaders;
}

/** The storefront's shared first page for this visitor, rendered by this server itself when due. */
async function fromSharedPage(request: NextRequest, ids: { nonce: string; orderKey: string }) {
  const key = sharedPageKey({ method: request.method, url: request.nextUrl, headers: request.headers });
  const port = process.env.PORT;
  if (!key || !port) return null;
  return sharedPage({
    db: getDb(),
    key,
    ...ids,
    render: async () => {
      const own = { nonce: newNonce(), orderKey: crypto.randomUUID() };
      const headers = new Headers({ [RENDER_HEADER]: renderHeaderValue(own) });
      for (const name of ["cookie", "accept-language", "user-agent", "x-forwarded-proto"]) {
        const value = request.headers.get(name);
        if (value) headers.set(name, value);
      }
      const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
      if (host) headers.set("x-forwarded-host", host);
      const url = `http://127.0.0.1:${port}${request.nextUrl.pathname}${request.nextUrl.search}`;
      return toRenderedPage(await fetch(url, { headers, redirect: "manual", signal: AbortSignal.timeout(15_000) }), own);
    },
  });
}

export const config = {
  // Everything but Next's hashed static files and image optimiser (headers for those come
  // from next.config.ts).
  matcher: [{ source: "/((?!_next/static|_next/image).*)" }],
};
