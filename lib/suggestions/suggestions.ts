/**
 * Complementary suggestions from the one data layer: the co-purchase rules of
 * `lib/suggestions/rules.ts` over the last 180 days of purchases (picked-up pre-orders and
 * counter sales, every channel), less the pairs the owner switched off and inactive products.
 *
 * Shown suggestions are recorded, never on a page render:
 * - order page: when the order is placed (its page opens right then), for the next order;
 * - counter: with the sale, the products the screen suggested while it was rung up;
 * - customer card: when staff press "권했어요" (they said it to the customer).
 * A show is **taken** when, within 30 days after it, the customer's order (not cancelled) or
 * counter sale holds the product — or, at the counter, the very sale it was shown for.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@/db/client";
import { insertRows, preparedQuery, sqliteOf } from "@/db/prepared";
import { products, suggestionPairsOff, suggestionShows, type SuggestionSurface } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { coPurchaseRules, suggestForBasket, SUGGESTION_POLICY, type PurchaseBasket, type Rule, type Suggestion } from "./rules";

const DAY_MS = 86_400_000;

function loadBaskets({ db, since }: { db: DbOrTx; since: number }): PurchaseBasket[] {
  const rows = db.all<{ unit: string; at: number; product_id: number }>(sql`
    SELECT 'c' || o.customer_id AS unit, o.picked_up_at AS at, i.product_id
      FROM orders o JOIN order_items i ON i.order_id = o.id
     WHERE o.status = 'picked_up' AND o.picked_up_at >= ${since} AND o.customer_id IS NOT NULL
    UNION ALL
    SELECT CASE WHEN s.customer_id IS NULL THEN 's' || s.id ELSE 'c' || s.customer_id END, s.occurred_at, i.product_id
      FROM store_sales s JOIN store_sale_items i ON i.sale_id = s.id
     WHERE s.occurred_at >= ${since}`);
  const baskets = new Map<string, { unit: string; at: number; productIds: number[] }>();
  for (const r of rows) {
    const k = `${r.unit}@${r.at}`;
    const b = baskets.get(k) ?? { unit: r.unit, at: r.at, productIds: [] };
    b.productIds.push(r.product_id);
    baskets.set(k, b);
  }
  return [...baskets.values()];
}

function pairsOff(db: DbOrTx): Set<string> {
  return new Set(
    preparedQuery(db, "suggestion-pairs-off.all", (q) => q.select().from(suggestionPairsOff).prepare())
      .all()
      .map((p) => `${p.productA}:${p.productB}`),
  );
}
const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

/**
 * The co-purchase rules are worked out again only when purchases changed (a new sale, a
 * pick-up or an undone one) or a day passed: placing an order must not rescan 180 days of
 * history each time. Switched-off pairs and inactive products are applied on every read.
 */
const RULES_STATE = `SELECT (SELECT max(id) FROM store_sales) AS sale,
       (SELECT max(picked_up_at) FROM orders WHERE status = 'picked_up' AND picked_up_at >= @since) AS pick,
       (SELECT count(*) FROM orders WHERE status = 'picked_up' AND picked_up_at >= @since) AS picks`;
const ruleCache = new WeakMap<object, { key: string; rules: Map<number, Rule[]> }>();

function coPurchaseRulesCached({ db, now }: { db: DbOrTx; now: number }): Map<number, Rule[]> {
  // Pick-ups are counted within the look-back window only (from the start of today's window, a
  // range of the partial index orders_purchases): every order placed asks, so the key must not
  // cost a pass over the shop's whole history.
  const day = Math.floor(now / DAY_MS);
  const since = (day - SUGGESTION_POLICY.lookbackDays) * DAY_MS;
  const state = sqliteOf(db).prepare(RULES_STATE).get({ since }) as { sale: number | null; pick: number | null; picks: number } | undefined;
  const key = `${day}:${state?.sale}:${state?.pick}:${state?.picks}`;
  // Per connection: the order's own transaction asks too.
  const owner = sqliteOf(db);
  const cached = ruleCache.get(owner);
  if (cached?.key === key) return cached.rules;
  const rules = coPurchaseRules(loadBaskets({ db, since: now - SUGGESTION_POLICY.lookbackDays * DAY_MS }));
  ruleCache.set(owner, { key, rules });
  return rules;
}

/** Every rule A → B standing now: co-purchases of the last 180 days, without switched-off pairs or inactive products. */
export function currentRules({ db, now }: { db: DbOrTx; now: number }): Map<number, Rule[]> {
  const rules = new Map(coPurchaseRulesCached({ db, now }));
  const off = pairsOff(db);
  const active = new Set(
    preparedQuery(db, "products.active-ids", (q) => q.select({ id: products.id }).from(products).where(eq(products.active, true)).prepare())
      .all()
      .map((p) => p.id),
  );
  for (const [from, list] of rules) {
    const kept = list.filter((r) => active.has(r.productId) && !off.has(pairKey(from, r.productId)));
    if (kept.length) rules.set(from, kept);
    else rules.delete(from);
  }
  return rules;
}

export type NamedSuggestion = Suggestion & { name: string; forName: string };

function named(db: DbOrTx, list: readonly Suggestion[]): NamedSuggestion[] {
  if (!list.length) return [];
  const ids = [...new Set(list.flatMap((s) => [s.productId, s.forProductId]))];
  const names = new Map(
    db
      .select({ id: products.id, name: products.name })
      .from(products)
      .where(inArray(products.id, ids))
      .all()
      .map((p) => [p.id, p.name]),
  );
  return list.map((s) => ({ ...s, name: names.get(s.productId) ?? "", forName: names.get(s.forProductId) ?? "" }));
}

/** One or two products to suggest with a basket. */
export function suggestForProducts({ db, now, productIds }: { db: DbOrTx; now: number; productIds: readonly number[] }): NamedSuggestion[] {
  return named(db, suggestForBasket(currentRules({ db, now }), productIds));
}

const ORDER_BASKET = `SELECT o.customer_id, group_concat(i.product_id) AS ids FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.id = @orderId`;

/** Record what an order's page suggests for the next order (called once the order is placed). */
export function recordOrderSuggestions({ db, now, orderId }: { db: DbOrTx; now: number; orderId: number }): void {
  const row = sqliteOf(db).prepare(ORDER_BASKET).get({ orderId }) as { customer_id: number | null; ids: string | null } | undefined;
  if (!row?.ids) return;
  const picked = suggestForBasket(currentRules({ db, now }), row.ids.split(",").map(Number));
  if (!picked.length) return;
  insertRows(
    db,
    "suggestion-shows.order-page",
    suggestionShows,
    picked.map((s) => ({
      surface: "order_page" as const,
      productId: s.productId,
      forProductId: s.forProductId,
      customerId: row.customer_id,
      orderId,
      shownAt: now,
    })),
    { onConflictDoNothing: true },
  );
}

/**
 * In the order's own transaction (one commit, not two), inside a savepoint: a failure here is
 * rolled back alone and must never turn a placed order into an error.
 */
export function recordOrderSuggestionsWithOrder({ tx, now, orderId }: { tx: Tx; now: number; orderId: number }): void {
  try {
    tx.transaction((savepoint) => recordOrderSuggestions({ db: savepoint, now, orderId }));
  } catch (e) {
    console.error("suggestions: could not record for order", orderId, e);
  }
}

/** What the order page shows: the suggestions recorded for it, still active and not switched off. */
export function suggestionsShownForOrder({
  db,
  orderId,
}: {
  db: DbOrTx;
  orderId: number;
}): { productId: number; name: string; forName: string }[] {
  const off = pairsOff(db);
  return db
    .all<{ product_id: number; for_product_id: number | null; name: string; for_name: string | null }>(
      sql`SELECT s.product_id, s.for_product_id, p.name, f.name AS for_name
            FROM suggestion_shows s JOIN products p ON p.id = s.product_id LEFT JOIN products f ON f.id = s.for_product_id
           WHERE s.order_id = ${orderId} AND p.active = 1 ORDER BY s.id`,
    )
    .filter((r) => r.for_product_id === null || !off.has(pairKey(r.product_id, r.for_product_id)))
    .map((r) => ({ productId: r.product_id, name: r.name, forName: r.for_name ?? "" }));
}

/** Record suggestions staff showed (customer card) or the counter screen showed with a sale. */
export function recordSuggestionShows({
  db,
  now,
  surface,
  customerId = null,
  saleId = null,
  userId = null,
  shown,
}: {
  db: DbOrTx;
  now: number;
  surface: Exclude<SuggestionSurface, "order_page">;
  customerId?: number | null;
  saleId?: number | null;
  userId?: number | null;
  shown: readonly { productId: number; forProductId?: number | null }[];
}): number {
  const ids = [...new Set(shown.map((s) => s.productId))];
  if (!ids.length) return 0;
  const known = new Set(
    db
      .select({ id: products.id })
      .from(products)
      .where(inArray(products.id, ids))
      .all()
      .map((p) => p.id),
  );
  if (known.size !== ids.length) throw new AppError("validation", { message: "suggestion_product_unknown" });
  const rows = ids.map((productId) => ({
    surface,
    productId,
    forProductId: shown.find((s) => s.productId === productId)?.forProductId ?? null,
    customerId,
    saleId,
    userId,
    shownAt: now,
  }));
  db.insert(suggestionShows).values(rows).run();
  return rows.length;
}

/** The counter screen's rules: for each product, up to three products to suggest, with names. */
export function counterSuggestionRules({
  db,
  now,
}: {
  db: DbOrTx;
  now: number;
}): Record<number, { productId: number; name: string; confidence: number }[]> {
  const rules = currentRules({ db, now });
  const names = new Map(
    db
      .select({ id: products.id, name: products.name })
      .from(products)
      .all()
      .map((p) => [p.id, p.name]),
  );
  return Object.fromEntries(
    [...rules].map(([from, list]) => [
      from,
      list.slice(0, 3).map((r) => ({ productId: r.productId, name: names.get(r.productId) ?? "", confidence: r.confidence })),
    ]),
  );
}

/** For staff on the customer card: suggestions from what the customer bought in the last 30 days. */
export function suggestForCustomer({ db, now, customerId }: { db: DbOrTx; now: number; customerId: number }): NamedSuggestion[] {
  const since = now - SUGGESTION_POLICY.windowDays * DAY_MS;
  const bought = db.all<{ product_id: number }>(sql`
    SELECT i.product_id FROM orders o JOIN order_items i ON i.order_id = o.id
     WHERE o.customer_id = ${customerId} AND o.status != 'cancelled' AND o.placed_at >= ${since}
    UNION
    SELECT i.product_id FROM store_sales s JOIN store_sale_items i ON i.sale_id = s.id
     WHERE s.customer_id = ${customerId} AND s.occurred_at >= ${since}`);
  return suggestForProducts({ db, now, productIds: bought.map((b) => b.product_id) });
}

export type TakeUp = {
  /** Shows old enough to judge (30 days passed) or already taken. */
  eligible: number;
  taken: number;
  value: number | null;
  /** Shows of the last 30 days not taken yet. */
  too_recent: number;
  by_surface: Record<SuggestionSurface, { eligible: number; taken: number; value: number | null }>;
};

/**
 * Take-up of shown suggestions: a show counts once its 30 days have passed, or earlier when it
 * was already taken (a taken show cannot become untaken). `value = taken ÷ eligible`.
 */
export function suggestionTakeUp({ db, now }: { db: DbOrTx; now: number }): TakeUp {
  const windowMs = SUGGESTION_POLICY.takeUpDays * DAY_MS;
  const rows = db.all<{ surface: SuggestionSurface; old: number; taken: number }>(sql`
    SELECT surface, shown_at <= ${now - windowMs} AS old,
           (EXISTS (SELECT 1 FROM store_sale_items i WHERE i.sale_id = sh.sale_id AND i.product_id = sh.product_id)
            OR (sh.customer_id IS NOT NULL AND (
                 EXISTS (SELECT 1 FROM orders o JOIN order_items i ON i.order_id = o.id
                          WHERE o.customer_id = sh.customer_id AND o.status != 'cancelled' AND i.product_id = sh.product_id
                            AND o.placed_at > sh.shown_at AND o.placed_at <= sh.shown_at + ${windowMs})
              OR EXISTS (SELECT 1 FROM store_sales s JOIN store_sale_items i ON i.sale_id = s.id
                          WHERE s.customer_id = sh.customer_id AND i.product_id = sh.product_id AND s.id IS NOT sh.sale_id
                            AND s.occurred_at > sh.shown_at AND s.occurred_at <= sh.shown_at + ${windowMs})))) AS taken
      FROM suggestion_shows sh`);
  const empty = () => ({ eligible: 0, taken: 0, value: null as number | null });
  const by_surface = { order_page: empty(), customer_card: empty(), counter: empty() };
  let tooRecent = 0;
  for (const r of rows) {
    if (!r.old && !r.taken) {
      tooRecent++;
      continue;
    }
    by_surface[r.surface].eligible++;
    if (r.taken) by_surface[r.surface].taken++;
  }
  for (const s of Object.values(by_surface)) s.value = s.eligible ? s.taken / s.eligible : null;
  const eligible = Object.values(by_surface).reduce((n, s) => n + s.eligible, 0);
  const taken = Object.values(by_surface).reduce((n, s) => n + s.taken, 0);
  return { eligible, taken, value: eligible ? taken / eligible : null, too_recent: tooRecent, by_surface };
}

export type PairRow = {
  a: number;
  b: number;
  aName: string;
  bName: string;
  support: number;
  confidenceAB: number;
  confidenceBA: number;
  off: boolean;
};

/** Every pair that makes a rule (either way), strongest first, with the owner's switch. */
export function listSuggestionPairs({ db, now }: { db: DbOrTx; now: number }): PairRow[] {
  const rules = coPurchaseRules(loadBaskets({ db, since: now - SUGGESTION_POLICY.lookbackDays * DAY_MS }));
  const off = pairsOff(db);
  const names = new Map(
    db
      .select({ id: products.id, name: products.name })
      .from(products)
      .all()
      .map((p) => [p.id, p.name]),
  );
  const pairs = new Map<string, PairRow>();
  for (const [from, list] of rules) {
    for (const r of list) {
      const [a, b] = from < r.productId ? [from, r.productId] : [r.productId, from];
      const k = pairKey(a, b);
      const row = pairs.get(k) ?? {
        a,
        b,
        aName: names.get(a) ?? "",
        bName: names.get(b) ?? "",
        support: r.support,
        confidenceAB: 0,
        confidenceBA: 0,
        off: off.has(k),
      };
      if (from === a) row.confidenceAB = r.confidence;
      else row.confidenceBA = r.confidence;
      pairs.set(k, row);
    }
  }
  // Switched-off pairs stay listed even when the data no longer makes them a rule, so they can be switched back.
  for (const k of off) {
    if (pairs.has(k)) continue;
    const [a, b] = k.split(":").map(Number);
    pairs.set(k, { a, b, aName: names.get(a) ?? "", bName: names.get(b) ?? "", support: 0, confidenceAB: 0, confidenceBA: 0, off: true });
  }
  return [...pairs.values()].sort(
    (x, y) =>
      y.support - x.support ||
      Math.max(y.confidenceAB, y.confidenceBA) - Math.max(x.confidenceAB, x.confidenceBA) ||
      x.a - y.a ||
      x.b - y.b,
  );
}

/** The owner switches a pair off (neither is suggested for the other) or back on. */
export function setSuggestionPair({
  db,
  a,
  b,
  off,
  userId,
  now,
}: {
  db: Db;
  a: number;
  b: number;
  off: boolean;
  userId: number | null;
  now: number;
}): void {
  const [productA, productB] = a < b ? [a, b] : [b, a];
  if (productA === productB) throw new AppError("validation", { message: "suggestion_product_unknown" });
  const known = db
    .select({ id: products.id })
    .from(products)
    .where(inArray(products.id, [productA, productB]))
    .all();
  if (known.length !== 2) throw new AppError("not_found", { message: "suggestion_product_unknown" });
  if (off) db.insert(suggestionPairsOff).values({ productA, productB, userId, at: now }).onConflictDoNothing().run();
  else
    db.delete(suggestionPairsOff)
      .where(and(eq(suggestionPairsOff.productA, productA), eq(suggestionPairsOff.productB, productB)))
      .run();
}
