/**
 * The birthday (month-day) and the tier's birthday coupon: the customer gives it on `/me` at
 * phone width, staff see and change it on the card, the owner picks an issued coupon as a
 * tier's birthday coupon from the tier page's list.
 */
import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as schema from "@/db/schema";
import type { Db } from "@/db/client";
import { ensureShop, expectNoSeriousA11yViolations, signIn } from "./fixtures";

test.describe.configure({ mode: "serial", timeout: 120_000 });

const run = Date.now().toString(36).slice(-4);
const suffix = String(Date.now() % 10_000).padStart(4, "0");
let db: Db;
let person: schema.Customer;
const SHOTS = process.env.SCREENSHOT_DIR;

test.beforeAll(() => {
  db = ensureShop();
  person = db
    .insert(schema.customers)
    .values({
      phone: `01074${suffix.slice(0, 2)}${suffix}`,
      name: `생일손님${run}`,
      token: `bday-${run}-${suffix}-xxxxxxxxxxxx`,
      createdAt: Date.now(),
    })
    .returning()
    .get();
  db.insert(schema.coupons)
    .values({ name: `생일 축하 ${run}`, kind: "fixed", amount: 3000, startsOn: "2026-01-01", codeMode: "issued", createdAt: Date.now() })
    .run();
});

test("the customer gives their birthday on their page at phone width", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`/me/${person.token}`);
  const form = page.getByTestId("me-birthday-form");
  await form.getByLabel("생일 (월-일, 선택)").fill("2월 30일");
  await form.getByRole("button", { name: "생일 저장" }).click();
  await expect(form).toContainText("생일은 월-일로 적어 주세요 (예: 03-14).");
  await form.getByLabel("생일 (월-일, 선택)").fill("3/14");
  await form.getByRole("button", { name: "생일 저장" }).click();
  await expect(form).toContainText("생일을 저장했어요.");
  await expect(page.getByTestId("me-birthday")).toHaveText("3월 14일");
  expect(db.select({ b: schema.customers.birthday }).from(schema.customers).where(eq(schema.customers.id, person.id)).get()).toEqual({
    b: "03-14",
  });
  if (SHOTS) await form.screenshot({ path: `${SHOTS}/me-birthday.png` });
  await expectNoSeriousA11yViolations(page);
  await context.close();
});

test("staff see and change it on the card; the owner picks the tier's birthday coupon from a list", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signIn(page);
  await page.goto(`/admin/customers/${person.id}`);
  await expect(page.getByText("생일 3월 14일")).toBeVisible();
  const form = page.getByTestId("birthday-form");
  await form.getByLabel("생일 (월-일)").fill("12-25");
  await form.getByRole("button", { name: "생일 저장" }).click();
  await expect(form).toContainText("생일을 저장했어요.");
  await expect(page.getByText("생일 12월 25일")).toBeVisible();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/card-birthday.png`, fullPage: true });

  await page.goto("/admin/settings/tiers");
  const tierForm = page.getByTestId("tier-form");
  await tierForm.getByLabel("이름").fill(`생일등급${run}`);
  await tierForm.getByLabel("기준 금액(원)").fill("999999999");
  await tierForm.getByLabel("적립률(%)").fill("1.5");
  await tierForm.getByLabel("생일 쿠폰(선택)").selectOption({ label: `생일 축하 ${run}` });
  await tierForm.getByRole("button", { name: "등급 만들기" }).click();
  await expect(page.getByTestId("tier-list")).toContainText(`생일 쿠폰: 생일 축하 ${run}`);
  await expect(page.getByTestId("tier-list")).toContainText("1.5%");
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/tiers.png`, fullPage: true });
  // Leave no tier behind for other specs.
  db.update(schema.customers).set({ tierId: null }).run();
  db.delete(schema.tiers)
    .where(eq(schema.tiers.name, `생일등급${run}`))
    .run();
  await context.close();
});

test("the customer's page lists the codes they hold, with how to use them", async ({ browser }) => {
  const coupon = db
    .select()
    .from(schema.coupons)
    .where(eq(schema.coupons.name, `생일 축하 ${run}`))
    .get()!;
  const code = `BD${suffix}${run}`.toUpperCase().slice(0, 8);
  db.insert(schema.couponCodes)
    .values({ couponId: coupon.id, code, customerId: person.id, validFrom: "2026-01-01", issuedAt: Date.now() })
    .run();
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`/me/${person.token}`);
  const list = page.getByTestId("me-coupons");
  await expect(list).toContainText(`생일 축하 ${run}`);
  await expect(list).toContainText(`코드 ${code}`);
  await expect(page.getByText("주문할 때 쿠폰 코드 칸에 넣어 주세요.")).toBeVisible();
  if (SHOTS) await page.getByTestId("me-coupons").screenshot({ path: `${SHOTS}/me-coupons.png` });
  await expectNoSeriousA11yViolations(page);
  await context.close();
});
