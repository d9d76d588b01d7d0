/**
 * Complementary products from co-purchases, pure (no database).
 *
 * A **unit** is one identified customer (all their purchases, every channel) or one anonymous
 * counter sale (a visit on its own). A unit **supports** the pair {A, B} when it bought A and B
 * in the same purchase, or in two purchases at most `windowDays` apart. Counted once per unit,
 * however often it bought them.
 *
 * - `support(A, B)`: units supporting the pair.
 * - `confidence(A → B)`: support(A, B) ÷ units that bought A.
 *
 * A → B is a rule when support ≥ `minSupport` (3: one or two customers' habits never make a
 * rule) and confidence ≥ `minConfidence` (20 %). Suggestions for a basket are the rules from
 * its products to products not in it, best confidence first (then support, then the lower id).
 */
export const SUGGESTION_POLICY = {
  windowDays: 30,
  minSupport: 3,
  minConfidence: 0.2,
  lookbackDays: 180,
  maxSuggestions: 2,
  takeUpDays: 30,
} as const;

export type PurchaseBasket = { unit: string; at: number; productIds: readonly number[] };
export type Rule = { productId: number; support: number; confidence: number };

const DAY_MS = 86_400_000;
const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

export function coPurchaseRules(
  purchases: readonly PurchaseBasket[],
  {
    windowDays = SUGGESTION_POLICY.windowDays,
    minSupport = SUGGESTION_POLICY.minSupport,
    minConfidence = SUGGESTION_POLICY.minConfidence,
  }: { windowDays?: number; minSupport?: number; minConfidence?: number } = {},
): Map<number, Rule[]> {
  const byUnit = new Map<string, PurchaseBasket[]>();
  for (const p of purchases) byUnit.set(p.unit, [...(byUnit.get(p.unit) ?? []), p]);
  const unitsWith = new Map<number, number>();
  const support = new Map<string, number>();
  for (const list of byUnit.values()) {
    list.sort((a, b) => a.at - b.at);
    const bought = new Set<number>();
    const pairs = new Set<string>();
    for (let i = 0; i < list.length; i++) {
      const here = [...new Set(list[i].productIds)];
      here.forEach((a) => bought.add(a));
      for (let x = 0; x < here.length; x++) for (let y = x + 1; y < here.length; y++) pairs.add(pairKey(here[x], here[y]));
      for (let j = i + 1; j < list.length && list[j].at - list[i].at <= windowDays * DAY_MS; j++) {
        for (const a of here) for (const b of list[j].productIds) if (a !== b) pairs.add(pairKey(a, b));
      }
    }
    for (const a of bought) unitsWith.set(a, (unitsWith.get(a) ?? 0) + 1);
    for (const k of pairs) support.set(k, (support.get(k) ?? 0) + 1);
  }
  const rules = new Map<number, Rule[]>();
  for (const [k, s] of support) {
    if (s < minSupport) continue;
    const [a, b] = k.split(":").map(Number);
    for (const [from, to] of [
      [a, b],
      [b, a],
    ]) {
      const confidence = s / unitsWith.get(from)!;
      if (confidence >= minConfidence) rules.set(from, [...(rules.get(from) ?? []), { productId: to, support: s, confidence }]);
    }
  }
  for (const list of rules.values()) list.sort(byStrength);
  return rules;
}

function byStrength(a: Rule, b: Rule): number {
  return b.confidence - a.confidence || b.support - a.support || a.productId - b.productId;
}

export type Suggestion = Rule & { forProductId: number };

/** Up to `limit` products to suggest for a basket: the strongest rule into each product not in it. */
export function suggestForBasket(
  rules: ReadonlyMap<number, readonly Rule[]>,
  basket: readonly number[],
  limit: number = SUGGESTION_POLICY.maxSuggestions,
): Suggestion[] {
  const inBasket = new Set(basket);
  const best = new Map<number, Suggestion>();
  for (const from of inBasket) {
    for (const r of rules.get(from) ?? []) {
      if (inBasket.has(r.productId)) continue;
      const seen = best.get(r.productId);
      if (!seen || byStrength(r, seen) < 0) best.set(r.productId, { ...r, forProductId: from });
    }
  }
  return [...best.values()].sort(byStrength).slice(0, limit);
}
