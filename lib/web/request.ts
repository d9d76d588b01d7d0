/**
 * What the server may believe about a request: who sent it (for rate limits and the sign-in
 * throttle) and under which public address the shop is reached (for every link handed to a
 * customer). One function each; nothing else reads `X-Forwarded-*`.
 *
 * - `TRUST_PROXY=1`: a reverse proxy in front sets `X-Forwarded-For` (appending the address
 *   it saw), `X-Forwarded-Host` and `X-Forwarded-Proto`; they are believed.
 * - otherwise they are ignored (a client can send anything): the client is the socket's peer
 *   address, which the server entry (scripts/peer-address.cjs, loaded by `npm start`) puts in
 *   `PEER_HEADER`, overwriting whatever the client sent.
 * - `PUBLIC_URL` (e.g. `https://bread.example.com`), when set, is the origin of every link,
 *   whatever the request says.
 */
export const PEER_HEADER = "x-dangol-peer";

type HeaderSource = { get(name: string): string | null };

export function trustProxy(): boolean {
  const v = (process.env.TRUST_PROXY ?? "").trim().toLowerCase();
  return v === "1" || v === "true" || v === "yes";
}

/** The client's address: the last `X-Forwarded-For` hop behind a trusted proxy, else the socket peer. */
export function clientAddressOf(headers: HeaderSource): string {
  if (trustProxy()) {
    // The proxy appends the address it saw; earlier hops are whatever the client invented.
    const forwarded = headers.get("x-forwarded-for");
    if (forwarded) return forwarded.split(",").at(-1)!.trim() || "local";
    const real = headers.get("x-real-ip");
    if (real) return real.trim();
  }
  return headers.get(PEER_HEADER)?.trim() || "local";
}

/** `PUBLIC_URL`'s origin when it is set and valid; null otherwise. */
export function configuredPublicOrigin(): string | null {
  const raw = process.env.PUBLIC_URL?.trim();
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

function firstValue(v: string | null): string | null {
  const first = v?.split(",")[0]?.trim();
  return first || null;
}

/** Whether the client reached us over HTTPS (only a trusted proxy can say so; `next start` serves plain HTTP). */
export function requestIsHttps(headers: HeaderSource): boolean {
  return trustProxy() && firstValue(headers.get("x-forwarded-proto"))?.toLowerCase() === "https";
}

/** The origin customer links are built from: `PUBLIC_URL`, else the trusted proxy's host, else the Host header. */
export function publicOrigin(headers: HeaderSource): string {
  const configured = configuredPublicOrigin();
  if (configured) return configured;
  const host = (trustProxy() ? firstValue(headers.get("x-forwarded-host")) : null) ?? headers.get("host") ?? "localhost";
  const candidate = `${requestIsHttps(headers) ? "https" : "http"}://${host}`;
  try {
    return new URL(candidate).origin;
  } catch {
    return "http://localhost";
  }
}

/** An absolute link to `path` under the public origin. */
export function publicUrl(headers: HeaderSource, path: string): string {
  return new URL(path, publicOrigin(headers)).toString();
}
