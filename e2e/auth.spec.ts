import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { createUser, setPassword } from "@/lib/auth/users";
import { ensureShop, signIn } from "./fixtures";

test("a password reset signs out the sessions made with the old password; deactivation too", async ({ page }) => {
  const db = ensureShop();
  const email = `staff-${Date.now()}@dangol.test`;
  const staff = createUser({ db, email, password: "first-password-1", role: "staff", name: "교대 직원" });

  await signIn(page, { email, password: "first-password-1" });
  await page.goto("/admin/orders");
  await expect(page).toHaveURL(/\/admin\/orders/);

  // What the owner's "reset password" does.
  setPassword({ db, userId: staff.id, password: "second-password-2" });
  await page.goto("/admin/orders");
  await expect(page).toHaveURL(/\/login/);

  await signIn(page, { email, password: "second-password-2" });
  await page.goto("/admin/orders");
  await expect(page).toHaveURL(/\/admin\/orders/);

  db.update(users).set({ active: false }).where(eq(users.id, staff.id)).run();
  await page.goto("/admin/orders");
  await expect(page).toHaveURL(/\/login/);
});
