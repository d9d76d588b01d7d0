import crypto from "node:crypto";
import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { Role } from "./permissions";

function hashKey(key: string): string {
  return crypto.createHash("sha256").update(key).digest("hex");
}

/** Create a key: the plain key is returned once and only its hash is stored. */
export function createApiKey({ db, name, scope = "owner" }: { db: DbOrTx; name: string; scope?: Role }): {
  id: number;
  key: string;
  prefix: string;
} {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 80)
    throw new AppError("validation", { message: "api_key_name_invalid", fields: { name: "api_key_name_required" } });
  const key = `dg_${crypto.randomBytes(24).toString("base64url")}`;
  const prefix = key.slice(0, 10);
  const row = db
    .insert(apiKeys)
    .values({ name: trimmed, prefix, keyHash: hashKey(key), scope })
    .returning({ id: apiKeys.id })
    .get();
  return { id: row.id, key, prefix };
}

export function revokeApiKey({ db, id, now = Date.now() }: { db: DbOrTx; id: number; now?: number }): void {
  const row = db.update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, id)).returning({ id: apiKeys.id }).get();
  if (!row) throw new AppError("not_found", { message: "api_key_not_found" });
}

export function listApiKeys({ db }: { db: DbOrTx }) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scope: apiKeys.scope,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .orderBy(desc(apiKeys.id))
    .all();
}

/** The key's scope when it is valid and not revoked; null otherwise. */
export function verifyApiKey({ db, key, now = Date.now() }: { db: DbOrTx; key: string; now?: number }): { id: number; scope: Role } | null {
  if (!key || key.length > 200) return null;
  const row = db
    .select({ id: apiKeys.id, scope: apiKeys.scope, revokedAt: apiKeys.revokedAt, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(eq(apiKeys.keyHash, hashKey(key)))
    .get();
  if (!row || row.revokedAt) return null;
  // Touch at most once a minute: a busy POS should not turn every read into a write.
  if (!row.lastUsedAt || now - row.lastUsedAt > 60_000) db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id)).run();
  return { id: row.id, scope: row.scope };
}
