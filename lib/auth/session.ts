/**
 * Server-side identity checks. The session cookie says who signed in; every check reloads
 * the user so a deactivated account or a changed role takes effect at once.
 */
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { auth } from "./auth";
import { can, type Permission } from "./permissions";
import { getActiveUser, passwordVersion, type PublicUser } from "./users";

export async function currentUser(): Promise<PublicUser | null> {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isInteger(id) || id <= 0) return null;
  const db = getDb();
  // A password reset ends the sessions signed in with the old password.
  if (session?.user?.pwv !== passwordVersion({ db, id })) return null;
  return getActiveUser({ db, id }) ?? null;
}

/** For pages: signed-out people go to sign-in, signed-in people without the right see 403. */
export async function requirePagePermission(permission: Permission, from?: string): Promise<PublicUser> {
  const user = await currentUser();
  if (!user) redirect(from ? `/login?from=${encodeURIComponent(from)}` : "/login");
  if (!can(user.role, permission)) redirect("/admin/forbidden");
  return user;
}

/** For server actions and route handlers: throws `unauthorized` / `forbidden`. */
export async function requirePermission(permission: Permission): Promise<PublicUser> {
  const user = await currentUser();
  if (!user) throw new AppError("unauthorized");
  if (!can(user.role, permission)) throw new AppError("forbidden");
  return user;
}
