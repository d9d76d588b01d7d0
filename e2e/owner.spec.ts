/**
 * The owner's own screens: the first-run checklist opens ordering in one tap, orders read on
 * a phone, the upcoming view counts days ahead, and labels print one per 62 mm label.
 */
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { and, eq, inArray } from "drizzle-orm";
import * as schema from "@/db/schema";
import { orderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";
import { addDays, localDate } from "@/lib/shop/time";
import { ensureShop, openOrderingNow, signIn } from "./fixtures";

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const run = Date.now().toString(36).slice(-4);

function setUpOrders() {
  const db = ensureShop();
  openOrderingNow(db);
  const tomorrow = addDays(localDate(Date.now()), 1);
  db.update(schema.orders)
    .set({ status: "cancelled" })
    .where(and(eq(schema.orders.pickupDate, tomorrow), inArray(schema.orders.status, ["placed", "ready", "arrived"])))
    .run();
  const product = db
    .insert(schema.products)
    .values({ name: `통밀 호두 캄파뉴 큰 사이즈 ${run}`, price: 9_500, maxPerOrder: 10 })
    .returning()
    .get();
  db.insert(schema.dailyPlans).values({ date: tomorrow, productId: product.id, planned: 40 }).onConflictDoNothing().run();
  const order = (name: string, phone: string, quantity: number) =>
    placeOrder({
      db,
      channel: "phone",
      input: orderInput.parse({
        pickup_date: tomorrow,
        slot: "12:00-23:59",
        customer: { name, phone },
        consent: { privacy: true },
        items: [{ product_id: product.id, quantity }],
      }),
    }).order;
  const a = order("김하나", `010-61${run.replace(/\D/g, "7").padStart(2, "7").slice(-2)}-1001`, 2);
  const b = order("이두리", `010-62${run.replace(/\D/g, "7").padStart(2, "7").slice(-2)}-1002`, 1);
  return { db, tomorrow, product, orders: [a, b] };
}

async function noSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

test("first run: the checklist says ordering is closed and opens it in one tap", async ({ browser }) => {
  const db = ensureShop();
  // A window that is open one minute a day: closed whenever this runs (but at 00:00).
  db.update(schema.shopSettings)
    .set({ opensDaysBefore: 1, opensTime: "00:00", cutoffMode: "day_before", cutoffDaysBefore: 1, cutoffTime: "00:01" })
    .run();
  const ctx = await browser.newContext({ viewport: DESKTOP });
  const page = await ctx.newPage();
  await signIn(page);
  await page.goto("/admin");
  const checklist = page.getByTestId("first-run-checklist");
  await expect(checklist).toBeVisible();
  await expect(checklist.getByTestId("window-status")).toHaveText("지금은 주문을 받지 않아요.");
  await expect(checklist.getByTestId("window-sentence")).toContainText("픽업 주문은");
  await expect(checklist.getByTestId("share-link")).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  await expect(checklist.getByTestId("qr-code")).toBeVisible();
  await page.screenshot({ path: "test-results/owner-home-checklist-1440.png", fullPage: true });

  await checklist.getByRole("button", { name: "지금 주문 열기" }).click();
  // The step turns done in place: the button gives way to what customers can order now.
  await expect(checklist.getByTestId("window-status")).toContainText("픽업 주문을 받고 있어요");
  await expect(checklist.getByTestId("checklist-window")).toHaveAttribute("data-done", "true");
  await expect(checklist.getByRole("button", { name: "지금 주문 열기" })).toHaveCount(0);
  expect(db.select().from(schema.shopSettings).get()).toMatchObject({ cutoffMode: "hours_before_slot", opensDaysBefore: 7 });
  await page.screenshot({ path: "test-results/owner-home-opened-1440.png", fullPage: true });

  const phone = await browser.newContext({ viewport: PHONE });
  const small = await phone.newPage();
  await signIn(small);
  await small.goto("/admin");
  await expect(small.getByTestId("first-run-checklist")).toBeVisible();
  await noSidewaysScroll(small);
  await small.screenshot({ path: "test-results/owner-home-390.png", fullPage: true });
  await ctx.close();
  await phone.close();
});

test("orders on a phone: every order is a card with its status and payment in view", async ({ browser }) => {
  const { tomorrow, orders } = setUpOrders();
  const ctx = await browser.newContext({ viewport: PHONE });
  const page = await ctx.newPage();
  await signIn(page);
  await page.goto(`/admin/orders?date=${tomorrow}`);
  const list = page.getByTestId("order-list");
  const row = list.locator("tr", { has: page.getByRole("link", { name: orders[0].code }) });
  const status = row.getByText("접수", { exact: true });
  const payment = row.getByText("미결제", { exact: true });
  // Cut off sideways is the fault to catch: scrolled to, both badges are fully in view.
  await status.scrollIntoViewIfNeeded();
  await expect(status).toBeInViewport({ ratio: 1 });
  await expect(payment).toBeInViewport({ ratio: 1 });
  for (const badge of [status, payment]) {
    const box = (await badge.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  }
  // The product name reads on one line, not one syllable per line.
  const items = row.getByText(/통밀 호두 캄파뉴/);
  const box = (await items.boundingBox())!;
  expect(box.width).toBeGreaterThan(250);
  expect(box.height).toBeLessThan(60);
  await noSidewaysScroll(page);
  await page.screenshot({ path: "test-results/owner-orders-390.png", fullPage: true });

  for (const [path, file] of [
    ["/admin/products", "owner-products-390.png"],
    ["/admin/customers", "owner-customers-390.png"],
  ] as const) {
    await page.goto(path);
    await noSidewaysScroll(page);
    await page.screenshot({ path: `test-results/${file}`, fullPage: true });
  }
  await ctx.close();
});

test("the upcoming view counts each coming day's orders", async ({ browser }) => {
  const { db, tomorrow } = setUpOrders();
  const live = db
    .select()
    .from(schema.orders)
    .where(and(eq(schema.orders.pickupDate, tomorrow), inArray(schema.orders.status, ["placed", "ready", "arrived"])))
    .all().length;
  const ctx = await browser.newContext({ viewport: DESKTOP });
  const page = await ctx.newPage();
  await signIn(page);
  await page.goto("/admin/orders");
  await page.getByRole("link", { name: "다가오는 주문" }).click();
  await expect(page).toHaveURL(/view=upcoming/);
  const day = page.locator(`[data-testid="upcoming-day"][data-date="${tomorrow}"]`);
  await expect(day.getByTestId("upcoming-count")).toHaveText(`${live}건`);
  await expect(page.getByTestId("upcoming-day")).toHaveCount(14);
  await page.screenshot({ path: "test-results/owner-orders-upcoming-1440.png", fullPage: true });
  await day.getByRole("link").click();
  await expect(page.getByTestId("orders-date")).toBeVisible();
  expect(new URL(page.url()).searchParams.get("date")).toBe(tomorrow);
  await ctx.close();
});

test("labels print one per 62 × 100 mm label, with a date control, from the rack menu", async ({ browser }) => {
  const { tomorrow, orders } = setUpOrders();
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await signIn(page);
  await page.goto("/rack");
  await page.getByRole("navigation", { name: "픽업 랙 메뉴" }).getByRole("link", { name: "라벨" }).click();
  await expect(page).toHaveURL(/\/rack\/labels/);
  await page.getByLabel("픽업 날짜").fill(tomorrow);
  await page.getByRole("button", { name: "보기" }).click();
  await expect(page).toHaveURL(new RegExp(`date=${tomorrow}`));
  const labels = page.getByTestId("label");
  await expect(labels).toHaveCount(orders.length);
  await page.screenshot({ path: "test-results/rack-labels-1280.png", fullPage: true });

  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  fs.writeFileSync("test-results/rack-labels.pdf", pdf);
  const text = pdf.toString("latin1");
  const pages = [...text.matchAll(/\/Type\s*\/Page\b/g)].length;
  expect(pages).toBe(orders.length);
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
  expect(boxes.length).toBeGreaterThan(0);
  for (const [w, h] of boxes) {
    expect(w * (25.4 / 72)).toBeCloseTo(62, 0);
    expect(h * (25.4 / 72)).toBeCloseTo(100, 0);
  }
  await ctx.close();
});
