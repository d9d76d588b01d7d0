/**
 * Cookies from a `Cookie` request header, for code that has the header but not Next's
 * request object (the proxy's page cache, Auth.js's `authorize`). A value that is not valid
 * percent-encoding reads as it was sent, never as an error: a hostile header cannot fail
 * a request.
 */

/** Every cookie by name (the first of a repeated name wins); empty parts are skipped. */
export function parseCookies(header: string | null | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header?.split(";") ?? []) {
    const at = part.indexOf("=");
    const name = (at < 0 ? part : part.slice(0, at)).trim();
    if (!name || cookies.has(name)) continue;
    const raw = at < 0 ? "" : part.slice(at + 1).trim();
    let value = raw;
    try {
      value = decodeURIComponent(raw);
    } catch {
      // not percent-encoding: keep the text as sent
    }
    cookies.set(name, value);
  }
  return cookies;
}

/** One cookie's value, or null. */
export function cookieFrom(header: string | null | undefined, name: string): string | null {
  return parseCookies(header).get(name) ?? null;
}
