/**
 * A small in-process cache for what every storefront request reads. An entry lives at most
 * `ttlMs` and is dropped at once when `invalidateStorefront()` is called (an owner change in
 * this process) or when anything was written to the database — by this process (SQLite's
 * `total_changes()`: an order through the API, a sale at the counter) or another one
 * (`data_version`) — so a customer never sees a count or a product older than the entry's
 * lifetime. The storefront's shared HTML (html-cache.ts) keys its entries on the same version.
 */
import type { Db } from "@/db/client";

type Entry = { value: unknown; expires: number; version: string };

// One cache per process, even when the server's bundles each carry a copy of this module.
const store = ((globalThis as { [key: symbol]: unknown })[Symbol.for("dangol.storefront-cache")] ??= {
  entries: new Map<string, Entry>(),
  generation: 0,
}) as { entries: Map<string, Entry>; generation: number };

/** Drop every entry (an owner changed products, the plan, slots or settings): the next request reads the database again. */
export function invalidateStorefront(): void {
  store.generation++;
  store.entries.clear();
}

/**
 * What the storefront's data depends on: `owner` changes with every invalidation (an owner's
 * change, an order through the storefront), `data` with any committed write at all.
 */
export function storefrontVersion(db: Db): { owner: number; data: string } {
  const c = db.$client;
  return {
    owner: store.generation,
    data: `${c.pragma("data_version", { simple: true })}:${c.prepare("SELECT total_changes()").pluck().get()}`,
  };
}

function versionOf(db: Db): string {
  const { owner, data } = storefrontVersion(db);
  return `${owner}:${data}`;
}

/** `load()` once per `key` for up to `ttlMs` (and until invalidated). */
export function cachedRead<T>(
  { db, key, ttlMs, now = Date.now(), refresh = false }: { db: Db; key: string; ttlMs: number; now?: number; refresh?: boolean },
  load: () => T,
): T {
  const version = versionOf(db);
  const hit = store.entries.get(key);
  if (!refresh && hit && hit.version === version && now < hit.expires) return hit.value as T;
  const value = load();
  store.entries.set(key, { value, expires: now + ttlMs, version });
  return value;
}
