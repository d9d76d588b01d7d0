import { expect, test } from "@playwright/test";
import { users } from "@/db/schema";
import { e2eDb, ensureShop, OWNER } from "./fixtures";

/**
 * The first-run page: on a fresh database every page leads to /setup; afterwards /setup is
 * gone. Runs first (file order); later specs create the shop themselves when run alone.
 */
test("first run creates the shop and the owner, then /setup is gone", async ({ page }) => {
  test.skip(e2eDb().select().from(users).all().length > 0, "the shop was already created by another spec");

  await page.goto("/login");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "가게 만들기" })).toBeVisible();

  await page.getByLabel("가게 이름").fill(OWNER.shopName);
  await page.getByLabel("이메일").fill(OWNER.email);
  await page.getByLabel("비밀번호", { exact: true }).fill(OWNER.password);
  await page.getByLabel("비밀번호 확인").fill(OWNER.password + "x");
  await page.getByRole("button", { name: "가게 만들기" }).click();
  await expect(page.getByTestId("field-error").first()).toContainText("비밀번호가 서로 달라요.");
  await expect(page.getByLabel("가게 이름")).toHaveValue(OWNER.shopName);
  expect(e2eDb().select().from(users).all()).toHaveLength(0);

  await page.getByLabel("비밀번호", { exact: true }).fill(OWNER.password);
  await page.getByLabel("비밀번호 확인").fill(OWNER.password);
  await page.getByRole("button", { name: "가게 만들기" }).click();
  await expect(page).toHaveURL(/\/admin/);

  const owners = e2eDb().select().from(users).all();
  expect(owners).toHaveLength(1);
  expect(owners[0]).toMatchObject({ email: OWNER.email, role: "owner" });
  expect(owners[0].passwordHash).not.toContain(OWNER.password);

  const response = await page.goto("/setup");
  expect(response?.status()).toBe(404);
});

test("sign-in errors do not say which of email or password was wrong", async ({ page }) => {
  ensureShop();
  await page.goto("/login");
  await page.getByLabel("이메일").fill("nobody@dangol.test");
  await page.getByLabel("비밀번호").fill("whatever-123");
  await page.getByRole("button", { name: "로그인" }).click();
  await expect(page.getByTestId("notice-error")).toHaveText("이메일 또는 비밀번호가 맞지 않아요.");

  await page.getByLabel("이메일").fill(OWNER.email);
  await page.getByLabel("비밀번호").fill("wrong-password");
  await page.getByRole("button", { name: "로그인" }).click();
  await expect(page.getByTestId("notice-error")).toHaveText("이메일 또는 비밀번호가 맞지 않아요.");
});
