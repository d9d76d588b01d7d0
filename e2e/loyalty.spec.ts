/**
 * Receipt QR and returns: a counter sale prints a receipt whose QR opens /r/<token>; the
 * customer claims it at phone width with their phone confirmed by code and sees the points
 * on their page; staff record a return from the customer card and the points go back.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { and, desc, eq } from "drizzle-orm";
import * as schema from "@/db/schema";
import type { Db } from "@/db/client";
import { localDate } from "@/lib/shop/time";
import { ensureShop, signIn } from "./fixtures";

test.describe.configure({ mode: "serial", timeout: 120_000 });

const run = Date.now().toString(36).slice(-4);
const suffix = String(Date.now() % 10_000).padStart(4, "0");
const PHONE = `010-73${suffix.slice(0, 2)}-${suffix}`;
const digits = PHONE.replace(/\D/g, "");
let db: Db;
let loaf: schema.Product;
let receiptPath = "";

async function sentCode(): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(() => {
      const row = db
        .select()
        .from(schema.outbox)
        .where(and(eq(schema.outbox.topic, "phone_code"), eq(schema.outbox.phone, digits)))
        .orderBy(desc(schema.outbox.id))
        .get();
      code = (row?.payload as { code?: string } | undefined)?.code;
      return code;
    })
    .toMatch(/^\d{6}$/);
  return code!;
}

async function staffPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signIn(page);
  return page;
}

test.beforeAll(() => {
  db = ensureShop();
  db.update(schema.shopSettings).set({ pointsRateBp: 100 }).run();
  loaf = db
    .insert(schema.products)
    .values({ name: `영수증빵 ${run}`, price: 4000, maxPerOrder: 10, sortOrder: -3 })
    .returning()
    .get();
  const today = localDate(Date.now());
  db.insert(schema.dailyPlans)
    .values({ date: today, productId: loaf.id, planned: 10 })
    .onConflictDoUpdate({ target: [schema.dailyPlans.date, schema.dailyPlans.productId], set: { planned: 10 } })
    .run();
});

test("counter sale → printed receipt with its QR → the customer claims it on their phone and sees the points", async ({ browser }) => {
  const staff = await staffPage(browser);
  await staff.goto("/admin/counter");
  await staff.getByRole("button", { name: new RegExp(`영수증빵 ${run}`) }).click();
  await staff.getByRole("button", { name: `영수증빵 ${run} 하나 더` }).click();
  await staff.getByRole("button", { name: "판매 기록" }).click();
  await expect(staff.getByTestId("counter-result")).toContainText("8,000원");
  const receiptHref = await staff.getByRole("link", { name: "영수증 인쇄 (58mm)" }).getAttribute("href");
  await staff.goto(receiptHref!);
  const receipt = staff.getByTestId("receipt");
  await expect(receipt).toContainText(`영수증빵 ${run} × 2`);
  await expect(receipt.getByTestId("receipt-total")).toContainText("8,000원");
  const qr = receipt.getByTestId("qr-code");
  const url = new URL((await qr.getAttribute("data-value"))!);
  expect(url.pathname).toMatch(/^\/r\/[0-9a-f]{36}$/);
  receiptPath = url.pathname;
  await staff.emulateMedia({ media: "print" });
  await receipt.screenshot({ path: "test-results/h12-receipt-print-58.png" });
  await staff.context().close();

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
  const customer = await phone.newPage();
  await customer.goto(receiptPath);
  await expect(customer.getByTestId("receipt-summary")).toContainText("8,000원");
  const confirm = customer.getByTestId("receipt-phone-confirm");
  await confirm.getByLabel("휴대전화 번호").fill(PHONE);
  await confirm.getByRole("button", { name: "인증번호 받기" }).click();
  await expect(confirm.getByTestId("code-sent")).toBeVisible();
  await confirm.getByLabel("인증번호 6자리").fill(await sentCode());
  await confirm.getByRole("button", { name: "확인" }).click();
  await customer.getByRole("button", { name: /로 적립하기$/ }).click();
  await expect(customer.getByTestId("receipt-claimed")).toContainText("포인트 80");
  await customer.screenshot({ path: "test-results/h12-receipt-claimed.png", fullPage: true });
  const review = customer.getByTestId("review-form");
  await review.getByText("5점", { exact: true }).click();
  await review.getByLabel("한마디 (선택)").fill("바삭해요");
  await review.getByRole("button", { name: "리뷰 남기기" }).click();
  await expect(customer.getByTestId("review-given")).toContainText("바삭해요");
  await customer.getByTestId("receipt-me-link").click();
  await expect(customer.getByTestId("me-points-balance")).toContainText("80");
  await expect(customer.getByText(`영수증빵 ${run} ×2`)).toBeVisible();
  await customer.screenshot({ path: "test-results/h12-me.png", fullPage: true });
  const sale = db
    .select()
    .from(schema.storeSales)
    .where(eq(schema.storeSales.receiptToken, receiptPath.slice(3)))
    .get()!;
  expect(sale).toMatchObject({ claimConfirmed: true, pointsEarned: 80 });
  await phone.close();
});

test("a return from the customer card takes back the points of the returned loaf; an exchange hands one over", async ({ browser }) => {
  const sale = db
    .select()
    .from(schema.storeSales)
    .where(eq(schema.storeSales.receiptToken, receiptPath.slice(3)))
    .get()!;
  const staff = await staffPage(browser);
  await staff.goto(`/admin/customers/${sale.customerId}`);
  await expect(staff.getByTestId("card-claim")).toContainText("영수증 QR");
  await staff.getByTestId("card-purchases").getByRole("link", { name: "반품·교환" }).first().click();
  const form = staff.getByTestId("return-form");
  await form.getByLabel(`영수증빵 ${run} 반품 수량`).fill("1");
  await form.getByLabel("환불 금액(원)").fill("4000");
  await form.getByRole("button", { name: "반품 기록" }).click();
  await expect(staff).toHaveURL(new RegExp(`/admin/customers/${sale.customerId}$`));
  await expect(staff.getByTestId("card-returns").getByTestId("return-row")).toContainText(`영수증빵 ${run} ×1`);
  await expect(staff.getByTestId("card-points-balance")).toHaveText("40P");
  await staff.screenshot({ path: "test-results/h12-card-return.png", fullPage: true });

  // The other loaf is exchanged for a fresh one: it leaves today's stock, not revenue.
  await staff.getByTestId("card-purchases").getByRole("link", { name: "반품·교환" }).first().click();
  await form.getByLabel("종류").selectOption({ label: "교환" });
  await form.getByLabel(`영수증빵 ${run} 반품 수량`).fill("1");
  await form.getByLabel("환불 금액(원)").fill("0");
  await form.getByLabel("환불 방법").selectOption({ label: "교환(환불 없음)" });
  await form.getByLabel("교환으로 드린 상품 1").selectOption({ label: `영수증빵 ${run}` });
  // A refused post (a refund above what comes back) keeps every choice, the selects' included.
  await form.getByLabel("환불 금액(원)").fill("999999");
  await form.getByRole("button", { name: "반품 기록" }).click();
  await expect(form.getByLabel("환불 금액(원)")).toHaveAccessibleDescription(/원 이하로 적어 주세요/);
  await expect(form.getByLabel("종류")).toHaveValue("exchange");
  await expect(form.getByLabel("환불 방법")).toHaveValue("exchange");
  await expect(form.getByLabel("교환으로 드린 상품 1")).toHaveValue(String(loaf.id));
  await expect(form.getByLabel(`영수증빵 ${run} 반품 수량`)).toHaveValue("1");
  await form.getByLabel("환불 금액(원)").fill("0");
  await form.getByRole("button", { name: "반품 기록" }).click();
  await expect(staff).toHaveURL(new RegExp(`/admin/customers/${sale.customerId}$`));
  await expect(staff.getByTestId("card-returns").getByTestId("return-row").first()).toContainText(`교환으로 드림: 영수증빵 ${run} ×1`);
  const given = db.select().from(schema.purchaseExchangeItems).all();
  expect(given.filter((g) => g.productName === `영수증빵 ${run}`)).toEqual([
    expect.objectContaining({ quantity: 1, date: sale.saleDate, excess: 0 }),
  ]);
  await staff.context().close();
});
