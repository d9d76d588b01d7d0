/**
 * A fixed-window limiter per client address, in memory (one server process per shop).
 * `limit` 0 turns it off.
 */
const globalForRate = globalThis as unknown as { dangolRate?: Map<string, { windowStart: number; count: number }> };
const windows = (globalForRate.dangolRate ??= new Map());

export function rateLimitOrdersPerMinute(): number {
  const raw = process.env.RATE_LIMIT_ORDERS_PER_MINUTE;
  const n = raw === undefined || raw === "" ? 20 : Number(raw);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : 20;
}

/**
 * Storefront orders share one bucket per client, whichever door they come through (the
 * storefront form's server action or `POST /api/v1/storefront/orders`).
 */
export const STOREFRONT_ORDERS_BUCKET = "storefront-orders";

/** True when the request may go ahead; counts it. */
export function takeToken({
  bucket,
  client,
  limit,
  now = Date.now(),
  windowMs = 60_000,
}: {
  bucket: string;
  client: string;
  limit: number;
  now?: number;
  windowMs?: number;
}): boolean {
  if (limit <= 0) return true;
  const key = `${bucket}:${client}`;
  const w = windows.get(key);
  if (!w || now - w.windowStart >= windowMs) {
    windows.set(key, { windowStart: now, count: 1 });
    if (windows.size > 10_000) for (const [k, v] of windows) if (now - v.windowStart >= windowMs) windows.delete(k);
    return true;
  }
  if (w.count >= limit) return false;
  w.count++;
  return true;
}

/** Whole seconds until `client` gets a fresh window in `bucket` (at least 1), for `Retry-After`. */
export function retryAfterSeconds({
  bucket,
  client,
  now = Date.now(),
  windowMs = 60_000,
}: {
  bucket: string;
  client: string;
  now?: number;
  windowMs?: number;
}): number {
  const w = windows.get(`${bucket}:${client}`);
  if (!w) return 1;
  return Math.max(1, Math.ceil((w.windowStart + windowMs - now) / 1000));
}
