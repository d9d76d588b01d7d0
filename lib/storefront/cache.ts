/**
 * A small in-process cache for what every storefront request reads. An entry lives at most
 * `ttlMs` and is dropped at once when `invalidateStorefront()` is called (an owner change in
 * this process) or when another process wrote to the database (SQLite's `data_version`), so a
 * customer never sees a count or a product older than the entry's lifetime. Only data is
 * cached, never HTML: each response still gets its own CSP nonce.
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

function versionOf(db: Db): string {
  return `${store.generation}:${db.$client.pragma("data_version", { simple: true })}`;
}

/** `load()` once per `key` for up to `ttlMs` (and until invalidated). */
export function cachedRead<T>(
  { db, key, ttlMs, now = Date.now() }: { db: Db; key: string; ttlMs: number; now?: number },
  load: () => T,
): T {
  const version = versionOf(db);
  const hit = store.entries.get(key);
  if (hit && hit.version === version && now < hit.expires) return hit.value as T;
  const value = load();
  store.entries.set(key, { value, expires: now + ttlMs, version });
  return value;
}
