import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as schema from "@/db/schema";
import type { Db } from "@/db/client";
import { addDays, localDate } from "@/lib/shop/time";
import { e2ePort, ensureShop, gotoUntil, openOrderingNow, signIn } from "./fixtures";

/**
 * Prepayment at phone width through the payment provider's fake checkout page (the server
 * runs with TOSS_* pointed at tests/fakes/toss.ts): a whole cake that must be prepaid is paid,
 * the order page says so, and staff hand it over in one tap; an abandoned payment's hold
 * ends and the cake is orderable again.
 */
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });
test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36).slice(-4);
const tomorrow = addDays(localDate(Date.now()), 1);
let db: Db;
let cake: schema.Product;

test.beforeAll(() => {
  test.skip(!fs.existsSync(`test-results/toss-fake-${e2ePort()}`), "the e2e server runs without the payment fake");
  db = ensureShop();
  openOrderingNow(db);
  cake = db
    .insert(schema.products)
    .values({ name: `딸기 홀케이크 ${run}`, price: 32000, maxPerOrder: 2, sortOrder: -5, paymentPolicy: "required" })
    .returning()
    .get();
  db.insert(schema.dailyPlans).values({ date: tomorrow, productId: cake.id, planned: 1 }).run();
});

async function orderCake(page: import("@playwright/test").Page, name: string, phone: string) {
  await page.goto(`/?date=${tomorrow}`);
  const card = page.getByTestId("product-card").filter({ hasText: cake.name });
  await expect(card.getByTestId("prepay-required")).toHaveText("선결제 필수");
  await card.getByRole("button", { name: `${cake.name} 담기` }).click();
  await expect(page.getByTestId("payment-choice")).toContainText("선결제 상품이 있어 지금 결제해요");
  await page.getByRole("radio", { name: /12:00-23:59/ }).check();
  await page.getByLabel("이름").fill(name);
  await page.getByLabel("휴대전화 번호").fill(phone);
  await page.getByLabel("개인정보 수집·이용에 동의해요 (필수)").check();
  await page.getByRole("button", { name: "32,000원 주문하기" }).click();
  await expect(page).toHaveURL(/\/o\/[\w-]+\/pay$/);
  const token = /\/o\/([\w-]+)\/pay$/.exec(page.url())![1];
  return db.select().from(schema.orders).where(eq(schema.orders.token, token)).get()!;
}

test("prepay through the checkout: the order page shows it paid, and staff hand it over in one tap", async ({ page, browser }) => {
  const order = await orderCake(page, "선결제손님", "010-4545-0001");
  expect(order).toMatchObject({ status: "awaiting_payment", total: 32000 });
  await expect(page.getByTestId("pay-total")).toHaveText("32,000원");
  await expect(page.getByTestId("pay-hold")).toContainText("까지 결제해 주세요");
  await page.screenshot({ path: "test-results/prepay-payment-step-390x844.png", fullPage: true });

  // A declined card comes back to the payment step saying so; the order still waits.
  await page.getByTestId("pay-button").click();
  await page.getByRole("button", { name: "카드 거절" }).click();
  await expect(page.getByTestId("pay-error")).toContainText("카드사에서 결제를 거절했어요");

  await page.getByTestId("pay-button").click();
  await expect(page.getByTestId("fake-amount")).toHaveText("32000원");
  await page.getByRole("button", { name: "결제하기" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${order.token}$`));
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "placed");
  await expect(page.getByTestId("order-payment")).toContainText("선결제 완료 32,000원");
  await expect(page.getByTestId("pickup-code")).toHaveText(order.code);
  await page.screenshot({ path: "test-results/prepay-order-page-390x844.png", fullPage: true });
  expect(
    db
      .select()
      .from(schema.orderEvents)
      .where(eq(schema.orderEvents.orderId, order.id))
      .all()
      .filter((e) => e.kind === "payment"),
  ).toHaveLength(1);

  const staff = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const board = await staff.newPage();
  await signIn(board);
  await board.goto(`/rack?date=${tomorrow}`);
  const card = board.locator(`[data-code="${order.code}"]`);
  await expect(card.getByTestId("card-payment")).toHaveText("결제완료 · 선결제");
  await card.getByRole("button", { name: "건네줌" }).click();
  await expect(board.getByTestId("lane-picked_up").locator(`[data-code="${order.code}"]`)).toBeVisible();
  await expect(board.getByTestId("prepaid-tally")).toContainText("선결제 32,000원");
  await staff.close();
  expect(db.select().from(schema.orders).where(eq(schema.orders.id, order.id)).get()).toMatchObject({
    status: "picked_up",
    paymentMethod: "online",
  });
});

test("an abandoned payment: the hold ends, the order page says why, and the cake is orderable again", async ({ page }) => {
  db.update(schema.dailyPlans).set({ planned: 2 }).where(eq(schema.dailyPlans.productId, cake.id)).run();
  const order = await orderCake(page, "안낸손님", "010-4545-0002");
  // The window was closed without paying.
  await page.getByTestId("pay-button").click();
  await page.getByRole("button", { name: "결제창 닫기" }).click();
  await expect(page.getByTestId("pay-error")).toContainText("결제창을 닫아 결제하지 않았어요");
  await gotoUntil(page, `/?date=${tomorrow}`, () =>
    expect(page.getByTestId("product-card").filter({ hasText: cake.name })).toContainText("품절", { timeout: 500 }),
  );

  // The hold's time passes (set back rather than waited out).
  db.update(schema.orders)
    .set({ holdUntil: Date.now() - 1000 })
    .where(eq(schema.orders.id, order.id))
    .run();
  await page.goto(`/o/${order.token}`);
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "expired");
  await expect(page.getByTestId("order-status")).toContainText("결제 시간 안에 결제가 확인되지 않아 주문이 취소됐어요");
  await gotoUntil(page, `/?date=${tomorrow}`, () =>
    expect(
      page
        .getByTestId("product-card")
        .filter({ hasText: cake.name })
        .getByRole("button", { name: `${cake.name} 담기` }),
    ).toBeEnabled({ timeout: 500 }),
  );
  // The server's sweeper writes the expiry down as an order event.
  await expect
    .poll(() => db.select().from(schema.orders).where(eq(schema.orders.id, order.id)).get()!.status, { timeout: 10_000 })
    .toBe("expired");
});
