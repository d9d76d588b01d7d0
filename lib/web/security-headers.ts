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
 */
const TOKEN_PATHS = [/^\/o\//, /^\/me\//, /^\/r\//];
const TOKEN_PARAMS = ["t", "token"];
const CAMERA_PATHS = [/^\/rack\/scan(\/|$)/];

export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export function contentSecurityPolicy({ nonce, https, dev = false }: { nonce: string; https: boolean; dev?: boolean }): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts loaded by a nonced script (Next's chunks) are trusted too.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
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

export function securityHeaders({ pathname, searchParams, nonce, https, dev = false }: { pathname: string; searchParams: URLSearchParams; nonce: string; https: boolean; dev?: boolean }): Record<string, string> {
  const camera = CAMERA_PATHS.some((re) => re.test(pathname)) ? "(self)" : "()";
  return {
    "Content-Security-Policy": contentSecurityPolicy({ nonce, https, dev }),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": holdsCustomerToken(pathname, searchParams) ? "no-referrer" : "strict-origin-when-cross-origin",
    "Permissions-Policy": `camera=${camera}, microphone=(), geolocation=(), payment=(), usb=()`,
    ...(https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
