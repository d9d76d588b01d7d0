/**
 * Server-side identity checks. The session cookie names a server-side session; every check
 * reloads that session and the user so a deactivated account or a changed role takes effect at once.
 */
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { auth } from "./auth";
import { can, type Permission } from "./permissions";
import { sessionUserId } from "./sessions";
import { getActiveUser, type PublicUser } from "./users";

export async function currentUser(): Promise<PublicUser | null> {
  const session = await auth();
  const db = getDb();
  // The cookie only names a session; the row says whether it is still live (sign-out,
  // deactivation and password resets revoke it) and whose it is.
  const id = sessionUserId({ db, id: session?.user?.sid });
  if (id === null || String(id) !== session?.user?.id) return null;
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
