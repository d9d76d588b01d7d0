/**
 * Server-side sessions. The signed session cookie carries only a session id; each request
 * checks its row here, so signing out, deactivating an account or resetting its password
 * ends the session at once and a copied cookie stops working. Reactivating an account does
 * not revive old sessions: they stay revoked.
 */
import crypto from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { sessions } from "@/db/schema";

export type RevokeReason = "signed_out" | "deactivated" | "password_reset";

/** Refreshed at most this often, so a busy page does not turn every read into a write. */
const TOUCH_EVERY_MS = 60_000;

export function createSession({ db, userId, now = Date.now() }: { db: DbOrTx; userId: number; now?: number }): string {
  const id = crypto.randomBytes(24).toString("base64url");
  db.insert(sessions).values({ id, userId, createdAt: now, lastSeenAt: now }).run();
  return id;
}

/** The user id of a live session; null when the id is unknown or the session was ended. */
export function sessionUserId({ db, id, now = Date.now() }: { db: DbOrTx; id: unknown; now?: number }): number | null {
  if (typeof id !== "string" || !id || id.length > 64) return null;
  const row = db
    .select({ userId: sessions.userId, lastSeenAt: sessions.lastSeenAt, revokedAt: sessions.revokedAt })
    .from(sessions)
    .where(eq(sessions.id, id))
    .get();
  if (!row || row.revokedAt !== null) return null;
  if (now - row.lastSeenAt > TOUCH_EVERY_MS) db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id)).run();
  return row.userId;
}

export function revokeSession({
  db,
  id,
  reason = "signed_out",
  now = Date.now(),
}: {
  db: DbOrTx;
  id: unknown;
  reason?: RevokeReason;
  now?: number;
}): void {
  if (typeof id !== "string" || !id) return;
  db.update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
    .run();
}

/** Ends every live session of a user; returns how many. */
export function revokeUserSessions({
  db,
  userId,
  reason,
  now = Date.now(),
}: {
  db: DbOrTx;
  userId: number;
  reason: RevokeReason;
  now?: number;
}): number {
  return db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .run().changes;
}
