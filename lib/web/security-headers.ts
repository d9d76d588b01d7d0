/**
 * The security headers of every response (set in proxy.ts). Pure, so the rules are tested
 * without a server.
 *
 * - CSP with a fresh nonce per request: Next puts it on its own scripts (it reads the nonce
 *   from the request's `Content-Security-Policy` header), so no inline script runs without
 *   it. Styles allow 'unsafe-inline' because React `style` attributes cannot carry a nonce.
 * - No framing anywhere (`frame-ancestors 'none'` and `X-Frame-Options: DENY`).
 * - `Referrer-Policy: no-referrer` where the URL holds a customer token (order page, my
 *   data, forms opened from a private link); `strict-origin-when-cross-origin` elsewhere.
 * - HSTS only when the request came over HTTPS.
 * - The camera only on the rack's QR scan page.
 * - The payment provider's widget (script, frames, calls) only on the payment step
 *   (`/o/<token>/pay`) and only with the provider configured: the one remote origin the app loads.
 */
const TOKEN_PATHS = [/^\/o\//, /^\/me\//, /^\/r\//];
const TOKEN_PARAMS = ["t", "token"];
const CAMERA_PATHS = [/^\/rack\/scan(\/|$)/];
const PAYMENT_STEP = /^\/o\/[A-Za-z0-9_-]{16,64}\/pay\/?$/;

/** Remote origins one page may use beyond 'self'. */
export type RemoteSources = { script: readonly string[]; frame: readonly string[]; connect: readonly string[] };

/** The payment provider's origins, on the payment step only (null elsewhere or without a provider). */
export function paymentStepSources(pathname: string, provider: RemoteSources | null): RemoteSources | null {
  return provider && PAYMENT_STEP.test(pathname) ? provider : null;
}

const extra = (list: readonly string[] | undefined) => (list?.length ? ` ${list.join(" ")}` : "");

/** 128 random bits in base64url: no character that HTML or JSON escapes, so a rendered page's nonce can be found and swapped. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64url");
}

export function contentSecurityPolicy({
  nonce,
  https,
  dev = false,
  remote = null,
}: {
  nonce: string;
  https: boolean;
  dev?: boolean;
  remote?: RemoteSources | null;
}): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts loaded by a nonced script (Next's chunks) are trusted too.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${extra(remote?.script)}${dev ? " 'unsafe-eval'" : ""}`,
    ...(remote ? [`frame-src 'self'${extra(remote.frame)}`] : []),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${extra(remote?.connect)}${dev ? " ws:" : ""}`,
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function holdsCustomerToken(pathname: string, searchParams: URLSearchParams): boolean {
  return TOKEN_PATHS.some((re) => re.test(pathname)) || TOKEN_PARAMS.some((p) => searchParams.has(p));
}

export function securityHeaders({
  pathname,
  searchParams,
  nonce,
  https,
  dev = false,
  paymentProvider = null,
}: {
  pathname: string;
  searchParams: URLSearchParams;
  nonce: string;
  https: boolean;
  dev?: boolean;
  /** The payment provider's origins when it is configured. */
  paymentProvider?: RemoteSources | null;
}): Record<string, string> {
  const camera = CAMERA_PATHS.some((re) => re.test(pathname)) ? "(self)" : "()";
  return {
    "Content-Security-Policy": contentSecurityPolicy({ nonce, https, dev, remote: paymentStepSources(pathname, paymentProvider) }),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": holdsCustomerToken(pathname, searchParams) ? "no-referrer" : "strict-origin-when-cross-origin",
    "Permissions-Policy": `camera=${camera}, microphone=(), geolocation=(), payment=(), usb=()`,
    ...(https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
