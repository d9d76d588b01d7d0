/**
 * The counter screen's suggestions, pure (the browser imports it): from the rules the page
 * loaded, the strongest product not in the basket and on sale today, for each basket product.
 */
import { SUGGESTION_POLICY } from "./rules";

export type CounterSuggestionRules = Record<number, { productId: number; name: string; confidence: number }[]>;

export function suggestForCounter(
  rules: CounterSuggestionRules,
  basket: readonly number[],
  onSale: ReadonlySet<number>,
  limit: number = SUGGESTION_POLICY.maxSuggestions,
): { productId: number; name: string; forProductId: number; confidence: number }[] {
  const inBasket = new Set(basket);
  const best = new Map<number, { productId: number; name: string; forProductId: number; confidence: number }>();
  for (const from of basket) {
    for (const r of rules[from] ?? []) {
      if (inBasket.has(r.productId) || !onSale.has(r.productId)) continue;
      const seen = best.get(r.productId);
      if (!seen || r.confidence > seen.confidence) best.set(r.productId, { ...r, forProductId: from });
    }
  }
  return [...best.values()].sort((a, b) => b.confidence - a.confidence || a.productId - b.productId).slice(0, limit);
}
