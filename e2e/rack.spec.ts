/**
 * The rack board with two browsers: staff on the board, a customer on their phone. The
 * customer's order is placed through the storefront's HTTP endpoint (same placeOrder, same
 * server process, so the live bus carries it) rather than by clicking through the storefront.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as schema from "@/db/schema";
import { localDate, localTime, weekdayOf } from "@/lib/shop/time";
import { e2eDb, ensureShop, openOrderingNow, signIn } from "./fixtures";

/**
 * Today's slot the customer orders for: it starts in a few minutes, so the storefront still
 * takes orders for it (each slot closes when it starts) and "도착했어요" is already open
 * (15 minutes before the start).
 */
let SLOT = "12:00-23:59";

async function placeViaStorefront(page: Page, productId: number, name: string, phone: string) {
  const today = localDate(Date.now());
  const res = await page.request.post("/api/v1/storefront/orders", {
    headers: { "content-type": "application/json" },
    data: {
      pickup_date: today,
      slot: SLOT,
      customer: { name, phone },
      consent: { privacy: true },
      items: [{ product_id: productId, quantity: 2 }],
      note: "봉투 두 개로 나눠 주세요",
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).order as { id: number; token: string; code: string };
}

test("staff run the day's pickups live while a customer orders and checks in", async ({ browser }) => {
  const db = ensureShop();
  openOrderingNow(db);
  // Orders for today's afternoon slot: the morning one may already be past its cut-off.
  const today = localDate(Date.now());
  db.update(schema.orders).set({ status: "cancelled" }).where(eq(schema.orders.pickupDate, today)).run();
  const start = localTime(Date.now() + 5 * 60_000);
  test.skip(localDate(Date.now() + 5 * 60_000) !== today || start > "23:50", "needs a slot later today");
  db.insert(schema.pickupSlots)
    .values({ weekday: weekdayOf(today), startTime: start, endTime: "23:59", capacity: 50 })
    .run();
  SLOT = `${start}-23:59`;
  const product = db
    .insert(schema.products)
    .values({ name: `랙 테스트 소금빵 ${Date.now() % 10000}`, price: 3200, maxPerOrder: 10 })
    .returning()
    .get();
  db.insert(schema.dailyPlans).values({ date: today, productId: product.id, planned: 40 }).run();

  const staff = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const board = await staff.newPage();
  await signIn(board);
  await board.goto("/rack");
  await expect(board.getByTestId("live-state")).toHaveAttribute("data-state", "live");

  const customer = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phone = await customer.newPage();
  const first = await placeViaStorefront(phone, product.id, "김단골", "010-2222-5678");
  const second = await placeViaStorefront(phone, product.id, "이노쇼", "010-3333-4321");

  // The new orders appear without reload, with only the last four phone digits.
  const card = board.getByTestId("lane-placed").locator(`[data-code="${first.code}"]`);
  await expect(card).toBeVisible();
  await expect(card).toContainText("5678");
  await expect(board.locator("body")).not.toContainText("2222-5678");
  await expect(board.getByTestId("lane-placed").locator(`[data-code="${second.code}"]`)).toBeVisible();

  // Find by the last four digits filters instantly.
  await board.getByLabel("코드나 전화번호 뒤 4자리로 찾기").fill("4321");
  await expect(board.locator(`[data-code="${first.code}"]`)).toHaveCount(0);
  await expect(board.locator(`[data-code="${second.code}"]`)).toBeVisible();
  await board.getByLabel("코드나 전화번호 뒤 4자리로 찾기").fill("");

  await board.screenshot({ path: "test-results/rack-board-1280x800.png" });
  const axe = await new AxeBuilder({ page: board }).analyze();
  const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // Ready: one tap puts the bag on the first free rack slot.
  await card.getByRole("button", { name: "준비완료" }).click();
  const readyCard = board.getByTestId("lane-ready").locator(`[data-code="${first.code}"]`);
  await expect(readyCard.getByTestId("rack-slot")).toHaveText(/^[A-Z]\d+$/);
  const rackSlot = (await readyCard.getByTestId("rack-slot").textContent())!.trim();
  await expect(board.getByTestId("undo-bar")).toContainText(first.code);

  // The customer's page follows the board.
  await phone.goto(`/o/${first.token}`);
  await expect(phone.getByText(`랙 ${rackSlot}`).first()).toBeVisible();

  // "도착했어요" on the phone → the board shows them arrived within a second.
  const tapped = Date.now();
  await phone.getByRole("button", { name: "도착했어요" }).click();
  const arrivedCard = board.getByTestId("lane-arrived").locator(`[data-code="${first.code}"]`);
  await expect(arrivedCard).toBeVisible({ timeout: 3000 });
  const delay = Date.now() - tapped;
  console.log(`check-in → board: ${delay} ms (includes the server action round trip)`);
  expect(delay).toBeLessThan(1500);
  await expect(arrivedCard.getByTestId("wait-timer")).toContainText("대기");

  await board.setViewportSize({ width: 800, height: 1280 });
  await board.screenshot({ path: "test-results/rack-board-800x1280.png", fullPage: false });
  await board.setViewportSize({ width: 1280, height: 800 });

  // The other order's slot has not ended: no one-tap 노쇼, only a confirmed early one.
  const waiting = board.getByTestId("lane-placed").locator(`[data-code="${second.code}"]`);
  await expect(waiting.getByRole("button", { name: "노쇼", exact: true })).toHaveCount(0);
  await waiting.getByRole("button", { name: "이른 노쇼…" }).click();
  await expect(waiting.getByTestId("no-show-early-step")).toContainText("아직 끝나지 않았어요");
  await waiting.getByRole("button", { name: "취소" }).click();
  await expect(waiting).toHaveAttribute("data-status", "placed");

  // Hand-over of an unpaid order asks how it was paid in the same card, then close-out marks the rest no-show.
  await expect(arrivedCard.getByTestId("card-payment")).toContainText("현장결제");
  await arrivedCard.getByRole("button", { name: "건네줌" }).click();
  await expect(arrivedCard.getByTestId("pay-step")).toBeVisible();
  await board.screenshot({ path: "test-results/rack-pay-step-1280x800.png" });
  await board.setViewportSize({ width: 800, height: 1280 });
  await board.screenshot({ path: "test-results/rack-pay-step-800x1280.png" });
  await board.setViewportSize({ width: 1280, height: 800 });
  await arrivedCard.getByRole("button", { name: "카드" }).click();
  await expect(board.getByTestId("lane-picked_up").locator(`[data-code="${first.code}"]`)).toBeVisible();
  await expect(board.getByTestId("paid-tally")).toContainText("오늘 결제 6,400원 (1건)");
  await expect(board.getByTestId("paid-card")).toContainText("카드 6,400원");
  await board.screenshot({ path: "test-results/rack-close-out-1280x800.png", fullPage: true });
  await board
    .getByRole("button", { name: /노쇼 처리$/ })
    .first()
    .click();
  await board.getByRole("button", { name: "노쇼 처리", exact: true }).click();
  await expect(board.getByTestId("lane-placed").locator(`[data-code="${second.code}"]`)).toHaveCount(0);

  const rows = e2eDb().select().from(schema.orders).where(eq(schema.orders.pickupDate, today)).all();
  expect(rows.find((r) => r.id === first.id)).toMatchObject({ status: "picked_up", rackSlot: null });
  expect(rows.find((r) => r.id === second.id)).toMatchObject({ status: "no_show", rackSlot: null });
  const events = e2eDb().select().from(schema.orderEvents).where(eq(schema.orderEvents.orderId, first.id)).all();
  expect(events.map((e) => `${e.kind}:${e.toStatus}:${e.actorType}`)).toEqual([
    "status_change:placed:customer",
    "status_change:ready:user",
    "status_change:arrived:customer",
    "payment:arrived:user",
    "status_change:picked_up:user",
  ]);
  expect(events.find((e) => e.kind === "payment")).toMatchObject({ paymentStatus: "paid", paymentMethod: "card" });

  // A label for the slot prints name, code, QR and rack slot.
  await board.goto(`/rack/labels?order=${second.id}`);
  await expect(board.getByTestId("label")).toContainText(second.code);
  await expect(board.getByTestId("qr-code")).toBeVisible();

  await staff.close();
  await customer.close();
});

test("the counter records a sale beyond the plan as a discrepancy; the storefront shows 0", async ({ page }) => {
  const db = ensureShop();
  const today = localDate(Date.now());
  const product = db
    .insert(schema.products)
    .values({ name: `카운터 식빵 ${Date.now() % 10000}`, price: 3000 })
    .returning()
    .get();
  db.insert(schema.dailyPlans).values({ date: today, productId: product.id, planned: 1 }).run();
  await signIn(page);
  await page.goto("/admin/counter");
  const tile = page.getByTestId("counter-product").filter({ hasText: product.name });
  await tile.getByRole("button", { name: new RegExp(product.name) }).click();
  await tile.getByRole("button", { name: `${product.name} 하나 더` }).click();
  await expect(tile).toContainText("계획보다 1개 더");
  await page.getByRole("button", { name: "판매 기록" }).click();
  await expect(page.getByTestId("counter-result")).toContainText("재고 차이로 기록했어요");
  await page.screenshot({ path: "test-results/counter-excess-1280x800.png" });
  const res = await page.request.get(`/api/v1/products?date=${today}`);
  expect(((await res.json()) as { id: number; available: number }[]).find((p) => p.id === product.id)?.available).toBe(0);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/admin/stock");
  await expect(page.getByTestId("stock-discrepancies")).toContainText(product.name);
  await page.screenshot({ path: "test-results/stock-discrepancies-1440x900.png" });
});

test("the counter's quick sale lowers today's availability at once", async ({ page }) => {
  const db = ensureShop();
  const today = localDate(Date.now());
  const product = db
    .insert(schema.products)
    .values({ name: `카운터 바게트 ${Date.now() % 10000}`, price: 4000 })
    .returning()
    .get();
  db.insert(schema.dailyPlans).values({ date: today, productId: product.id, planned: 5 }).run();
  await signIn(page);
  await page.goto("/admin/counter");
  const tile = page.getByTestId("counter-product").filter({ hasText: product.name });
  await expect(tile).toContainText("남은 5개");
  await tile.getByRole("button", { name: new RegExp(product.name) }).click();
  await tile.getByRole("button", { name: `${product.name} 하나 더` }).click();
  await expect(page.getByTestId("counter-total")).toHaveText("8,000원");
  await page.getByLabel("손님 휴대전화 (선택)").fill("010-7777-8888");
  await page.getByRole("button", { name: "판매 기록" }).click();
  await expect(page.getByTestId("counter-result")).toContainText("8,000원");
  await expect(tile).toContainText("남은 3개");
  const res = await page.request.get(`/api/v1/products?date=${today}`);
  const listed = ((await res.json()) as { id: number; available: number }[]).find((p) => p.id === product.id);
  expect(listed?.available).toBe(3);
});
