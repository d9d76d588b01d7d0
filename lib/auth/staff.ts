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
import { AppError, fieldErrorsFromZod } from "@/lib/errors";
import { revokeUserSessions } from "./sessions";
import { createUser, publicUserColumns, setPassword, type PublicUser } from "./users";

export const staffInput = z.object({
  name: z.string().trim().min(1, "이름을 적어 주세요.").max(40, "이름은 40자까지예요.").refine((s) => !/[<>]/.test(s), "< > 기호는 쓸 수 없어요."),
  email: z.string().trim().min(1, "이메일 주소를 적어 주세요."),
  password: z.string(),
});

export function listUsersForAdmin({ db }: { db: DbOrTx }): PublicUser[] {
  return db.select(publicUserColumns).from(users).orderBy(asc(users.role), asc(users.id)).all() as PublicUser[];
}

function staffRow(db: DbOrTx, id: number) {
  const row = db.select({ id: users.id }).from(users).where(and(eq(users.id, id), eq(users.role, "staff"))).get();
  if (!row) throw new AppError("not_found", "직원 계정을 찾을 수 없어요.");
  return row;
}

export function createStaff({ db, input }: { db: DbOrTx; input: unknown }): PublicUser {
  const parsed = staffInput.safeParse(input);
  if (!parsed.success) {
    const fields = fieldErrorsFromZod(parsed.error.issues);
    throw new AppError("validation", Object.values(fields)[0], { fields });
  }
  return createUser({ db, email: parsed.data.email, password: parsed.data.password, name: parsed.data.name, role: "staff" });
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
