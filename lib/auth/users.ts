import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { DUMMY_HASH, hashPassword, hashPasswordAsync, MIN_PASSWORD_LENGTH, needsRehash, verifyPassword } from "./password";
import { revokeUserSessions } from "./sessions";
import type { Role } from "./permissions";

/** The columns of a user that may leave the server: never the password hash. */
export const publicUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  active: users.active,
  createdAt: users.createdAt,
};
export type PublicUser = { id: number; email: string; name: string; role: Role; active: boolean; createdAt: number };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function validateNewPassword(password: string): void {
  if (typeof password !== "string" || password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError("validation", {
      message: "password_too_short",
      params: { min: MIN_PASSWORD_LENGTH },
      fields: { password: "password_too_short_field" },
    });
  }
  if (password.length > 200)
    throw new AppError("validation", { message: "password_too_long", fields: { password: "password_too_long_field" } });
}

export function createUser({
  db,
  email,
  password,
  role,
  name,
}: {
  db: DbOrTx;
  email: string;
  password: string;
  role: Role;
  name?: string;
}): PublicUser {
  const normalized = normalizeEmail(email);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normalized) || normalized.length > 200) {
    throw new AppError("validation", { message: "email_invalid", fields: { email: "email_invalid" } });
  }
  validateNewPassword(password);
  if (db.select({ id: users.id }).from(users).where(eq(users.email, normalized)).get()) {
    throw new AppError("conflict", { message: "email_taken", fields: { email: "email_taken" } });
  }
  return db
    .insert(users)
    .values({ email: normalized, name: name?.trim() || normalized.split("@")[0], passwordHash: hashPassword(password), role })
    .returning(publicUserColumns)
    .get() as PublicUser;
}

/**
 * Check an email and password off the event loop; null for any failure, without saying which
 * part was wrong. Only `checkSignIn` (sign-in.ts) should call this for a sign-in: it applies
 * the throttle first. A hash made with older parameters is replaced after a good check.
 */
export async function authenticate({ db, email, password }: { db: DbOrTx; email: string; password: string }): Promise<PublicUser | null> {
  if (typeof email !== "string" || typeof password !== "string" || password.length > 200) return null;
  const user = db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .get();
  if (!user || !user.active) {
    // Spend the same time as a real check so response times do not reveal which emails exist.
    await verifyPassword(password, DUMMY_HASH);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  if (needsRehash(user.passwordHash)) {
    const fresh = await hashPasswordAsync(password);
    // Only if nobody changed the password meanwhile.
    db.update(users)
      .set({ passwordHash: fresh })
      .where(and(eq(users.id, user.id), eq(users.passwordHash, user.passwordHash)))
      .run();
  }
  const { passwordHash: _omit, ...rest } = user;
  return rest as PublicUser;
}

export function getActiveUser({ db, id }: { db: DbOrTx; id: number }): PublicUser | undefined {
  const user = db.select(publicUserColumns).from(users).where(eq(users.id, id)).get() as PublicUser | undefined;
  return user?.active ? user : undefined;
}

/** A new password ends every session signed in with the old one. */
export function setPassword({
  db,
  userId,
  password,
  now = Date.now(),
}: {
  db: DbOrTx;
  userId: number;
  password: string;
  now?: number;
}): void {
  validateNewPassword(password);
  const passwordHash = hashPassword(password);
  const updated = db.transaction((tx) => {
    const row = tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).returning({ id: users.id }).get();
    if (row) revokeUserSessions({ db: tx, userId, reason: "password_reset", now });
    return row;
  });
  if (!updated) throw new AppError("not_found", { message: "staff_not_found" });
}
