/**
 * The `?cart=<productId>x<qty>,<productId>x<qty>` link format: how a consultation's
 * recommendations (or any link) open the storefront with a cart already filled.
 */
export type CartParamLine = { productId: number; quantity: number };

const MAX_LINES = 30;

/** Lenient: malformed parts are skipped, repeats are summed, quantities are clamped to 1…99. */
export function parseCartParam(value: string | string[] | undefined | null): CartParamLine[] {
  const raw = Array.isArray(value) ? value.join(",") : value;
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 1000) return [];
  const byProduct = new Map<number, number>();
  for (const part of raw.split(",")) {
    const m = /^\s*(\d{1,9})(?:[x*](\d{1,3}))?\s*$/i.exec(part);
    if (!m) continue;
    const productId = Number(m[1]);
    const quantity = m[2] === undefined ? 1 : Number(m[2]);
    if (productId <= 0 || quantity <= 0) continue;
    byProduct.set(productId, Math.min(99, (byProduct.get(productId) ?? 0) + quantity));
  }
  return [...byProduct].slice(0, MAX_LINES).map(([productId, quantity]) => ({ productId, quantity }));
}

export function formatCartParam(lines: readonly CartParamLine[]): string {
  return lines.map((l) => `${l.productId}x${l.quantity}`).join(",");
}
