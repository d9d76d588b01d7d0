import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as schema from "@/db/schema";
import type { Db } from "@/db/client";
import { recordStoreSale, saleInput } from "@/lib/sales/record-sale";
import { addDays, localDate } from "@/lib/shop/time";
import { ensureShop, openOrderingNow, signIn } from "./fixtures";

/**
 * Coupons: the owner creates one on the admin page; a customer at phone width orders with it
 * and sees the discount (and "같이 담아 갈까요?") on the order page.
 */
test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36).slice(-4).toUpperCase();
const name = (s: string) => `${s} ${run}`;
const CODE = `SPRING${run}`;
const tomorrow = addDays(localDate(Date.now()), 1);

let db: Db;
let bread: schema.Product;
let salt: schema.Product;

/** Screenshots for a person to look at, only when asked (SHOTS=1). */
async function shot(page: Page, file: string) {
  if (process.env.SHOTS) await page.screenshot({ path: `test-results/shots/${file}.png`, fullPage: true });
}

test.beforeAll(() => {
  db = ensureShop();
  openOrderingNow(db);
  const product = (values: { name: string; price: number }) =>
    db
      .insert(schema.products)
      .values({ ...values, maxPerOrder: 10, sortOrder: -2 })
      .returning()
      .get();
  bread = product({ name: name("우유식빵"), price: 5000 });
  salt = product({ name: name("소금빵"), price: 3000 });
  for (const p of [bread, salt]) {
    for (const date of [localDate(Date.now()), tomorrow])
      db.insert(schema.dailyPlans).values({ date, productId: p.id, planned: 20 }).onConflictDoNothing().run();
  }
  // Three customers bought bread with salt bread: enough to suggest one with the other.
  for (let i = 0; i < 3; i++) {
    recordStoreSale({
      db,
      source: "counter",
      input: saleInput.parse({
        external_id: `e2e-coupon-${run}-${i}`,
        customer_phone: `010-55${run.charCodeAt(0) % 10}${i}-${1000 + i}`,
        items: [
          { product_id: bread.id, quantity: 1 },
          { product_id: salt.id, quantity: 1 },
        ],
      }),
    });
  }
});

test.describe("the owner", () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test("creates a 10 % coupon for bread from 5,000원 and sees it listed", async ({ page }) => {
    await signIn(page);
    await page.goto("/admin/coupons");
    const form = page.getByTestId("coupon-form");
    await form.getByLabel("쿠폰 이름").fill(name("봄맞이"));
    await form.getByRole("radio", { name: "정률 (%)" }).check();
    await form.getByLabel("할인 금액 또는 비율").fill("10");
    await form.getByLabel("최소 주문 금액 (원)").fill("5000");
    await form.getByRole("checkbox", { name: name("우유식빵") }).check();
    await form.getByLabel("공용 코드").fill(CODE.toLowerCase());
    await form.getByRole("button", { name: "쿠폰 만들기" }).click();
    await expect(page.getByText("쿠폰을 만들었어요.")).toBeVisible();
    const row = page.getByTestId("coupon-row").filter({ hasText: name("봄맞이") });
    await expect(row).toContainText(`코드 ${CODE}`);
    await expect(row).toContainText("10% 할인");
    await expect(row).toContainText("5,000원 이상");
    await expect(row).toContainText(`대상: ${name("우유식빵")}`);
    await shot(page, "coupon-admin");
    const coupon = db.select().from(schema.coupons).where(eq(schema.coupons.code, CODE)).get()!;
    expect(coupon).toMatchObject({
      kind: "percent",
      amount: 10,
      minSpend: 5000,
      productIds: [bread.id],
      codeMode: "shared",
      pausedAt: null,
    });
  });
});

test.describe("a customer at phone width", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test("orders with the coupon and sees the discount and a suggestion on the order page", async ({ page }) => {
    await page.goto(`/?date=${tomorrow}`);
    await page.getByRole("button", { name: `${name("우유식빵")} 담기` }).click();
    await page.getByRole("button", { name: `${name("우유식빵")} 하나 더` }).click();
    await expect(page.getByTestId("cart-total")).toHaveText("10,000원");
    await page.getByRole("radio", { name: /12:00-23:59/ }).check();
    await page.getByLabel("이름").fill("김쿠폰");
    await page.getByLabel("휴대전화 번호").fill("010-4321-8765");
    await page.getByLabel("개인정보 수집·이용에 동의해요 (필수)").check();

    // A mistyped code is refused with the reason, and nothing typed is lost.
    await page.getByLabel("쿠폰 코드").fill("NOPE1234");
    await page.getByRole("button", { name: "10,000원 주문하기" }).click();
    await expect(page.getByTestId("order-error")).toContainText("없는 쿠폰 코드예요");
    await expect(page.getByLabel("이름")).toHaveValue("김쿠폰");

    await page.getByLabel("쿠폰 코드").fill(CODE.toLowerCase());
    await shot(page, "storefront-coupon");
    await page.getByRole("button", { name: "10,000원 주문하기" }).click();
    await expect(page).toHaveURL(/\/o\/[\w-]{16,}$/);
    await expect(page.getByTestId("order-discount")).toContainText(`쿠폰 할인 (${CODE})`);
    await expect(page.getByTestId("order-discount")).toContainText("−1,000원");
    await expect(page.getByTestId("order-total")).toHaveText("9,000원");
    const suggestions = page.getByTestId("order-suggestions");
    await expect(suggestions.getByRole("heading", { name: "같이 담아 갈까요?" })).toBeVisible();
    await expect(suggestions.getByRole("link", { name: `${name("소금빵")} 주문하러 가기` })).toHaveAttribute("href", `/?cart=${salt.id}x1`);
    await shot(page, "order-page-coupon");

    const token = page.url().split("/o/")[1];
    const order = db.select().from(schema.orders).where(eq(schema.orders.token, token)).get()!;
    expect(order).toMatchObject({ subtotal: 10_000, discount: 1_000, total: 9_000 });
    expect(db.select().from(schema.couponRedemptions).where(eq(schema.couponRedemptions.orderId, order.id)).all()).toHaveLength(1);
  });
});
