/**
 * Staff accounts as the owner manages them. Only `staff` rows are touched here: the owner
 * cannot lock themselves out from this screen. A deactivated account fails `authenticate`
 * and every session check at once (session.ts reloads the user on each request), and its
 * sessions are revoked so reactivating it later does not revive an old cookie.
 */
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import { AppError, parseOrThrow } from "@/lib/errors";
import { revokeUserSessions } from "./sessions";
import { createUser, publicUserColumns, setPassword, type PublicUser } from "./users";

export const staffInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "name_required")
    .max(40, "name_too_long")
    .refine((s) => !/[<>]/.test(s), "no_angle_brackets"),
  email: z.string().trim().min(1, "email_required"),
  password: z.string(),
});

export function listUsersForAdmin({ db }: { db: DbOrTx }): PublicUser[] {
  return db.select(publicUserColumns).from(users).orderBy(asc(users.role), asc(users.id)).all() as PublicUser[];
}

function staffRow(db: DbOrTx, id: number) {
  const row = db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, id), eq(users.role, "staff")))
    .get();
  if (!row) throw new AppError("not_found", { message: "staff_not_found" });
  return row;
}

export function createStaff({ db, input }: { db: DbOrTx; input: unknown }): PublicUser {
  const { email, password, name } = parseOrThrow(staffInput, input);
  return createUser({ db, email, password, name, role: "staff" });
}

export function resetStaffPassword({ db, id, password }: { db: DbOrTx; id: number; password: string }): void {
  staffRow(db, id);
  setPassword({ db, userId: id, password });
}

/** Deactivating ends the account's sessions; reactivating does not bring them back. */
export function setStaffActive({ db, id, active, now = Date.now() }: { db: DbOrTx; id: number; active: boolean; now?: number }): void {
  db.transaction((tx) => {
    staffRow(tx, id);
    tx.update(users).set({ active }).where(eq(users.id, id)).run();
    if (!active) revokeUserSessions({ db: tx, userId: id, reason: "deactivated", now });
  });
}
