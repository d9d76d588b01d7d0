/**
 * A customer changes their order on their phone and the rack board follows live; before the
 * check-in window the order page says when "도착했어요" opens; staff change an order on the
 * admin order page.
 */
import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as schema from "@/db/schema";
import { addDays, localDate, localTime, weekdayOf } from "@/lib/shop/time";
import { e2eDb, ensureShop, openOrderingNow, signIn } from "./fixtures";

test("the customer changes quantities on /o/<token>; the price is recomputed and the rack sees it live", async ({ browser }) => {
  const db = ensureShop();
  openOrderingNow(db);
  const tomorrow = addDays(localDate(Date.now()), 1);
  const product = db
    .insert(schema.products)
    .values({ name: `변경 테스트 크루아상 ${Date.now() % 10000}`, price: 4200, maxPerOrder: 10 })
    .returning()
    .get();
  db.insert(schema.dailyPlans).values({ date: tomorrow, productId: product.id, planned: 20 }).run();

  const staff = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const board = await staff.newPage();
  await signIn(board);
  await board.goto(`/rack?date=${tomorrow}`);
  await expect(board.getByTestId("live-state")).toHaveAttribute("data-state", "live");

  const customer = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phone = await customer.newPage();
  const res = await phone.request.post("/api/v1/storefront/orders", {
    headers: { "content-type": "application/json" },
    data: {
      pickup_date: tomorrow,
      slot: "12:00-23:59",
      customer: { name: "박변경", phone: "010-5555-1212" },
      consent: { privacy: true },
      items: [{ product_id: product.id, quantity: 1 }],
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const order = (await res.json()).order as { id: number; token: string; code: string };

  await phone.goto(`/o/${order.token}`);
  await expect(phone.getByTestId("order-total")).toHaveText("4,200원");
  await phone.getByTestId("edit-order").click();
  await phone.getByLabel(product.name).fill("3");
  await phone.screenshot({ path: "test-results/order-edit-390x844.png", fullPage: true });
  await phone.getByRole("button", { name: "바꾼 내용 저장" }).click();
  await expect(phone.getByTestId("edit-done")).toBeVisible();
  await expect(phone.getByTestId("order-total")).toHaveText("12,600원");
  await expect(phone.getByTestId("order-item")).toContainText(`${product.name} × 3`);

  const card = board.locator(`[data-code="${order.code}"]`);
  await expect(card).toContainText("×3", { timeout: 5000 });

  const events = e2eDb().select().from(schema.orderEvents).where(eq(schema.orderEvents.orderId, order.id)).all();
  expect(events.map((e) => e.kind)).toEqual(["status_change", "edit"]);

  // Staff change it again on the admin order page, after which the customer's page shows the new total.
  await board.setViewportSize({ width: 1440, height: 900 });
  await board.goto(`/admin/orders/${order.id}`);
  await board.getByTestId("edit-order-staff").getByTestId("edit-order").click();
  await board.getByTestId("edit-order-staff").getByLabel(product.name).fill("2");
  await board.screenshot({ path: "test-results/admin-order-edit-1440x900.png", fullPage: true });
  // One title (the section's), and the date/slot choice fits the side column.
  const staffEdit = board.getByTestId("edit-order-staff");
  await expect(staffEdit.getByRole("heading")).toHaveCount(1);
  const column = (await staffEdit.boundingBox())!;
  const select = (await staffEdit.locator("#edit-when").boundingBox())!;
  expect(select.x + select.width).toBeLessThanOrEqual(column.x + column.width);
  await board.getByTestId("edit-order-staff").getByRole("button", { name: "바꾼 내용 저장" }).click();
  await expect(board.getByTestId("order-total")).toHaveText("8,400원");
  await expect(board.getByTestId("order-timeline")).toContainText("주문 변경");
  await phone.reload();
  await expect(phone.getByTestId("order-total")).toHaveText("8,400원");

  await staff.close();
  await customer.close();
});

test("before the check-in window the order page says when it opens instead of offering 도착했어요", async ({ page }) => {
  const db = ensureShop();
  openOrderingNow(db);
  const now = Date.now();
  const today = localDate(now);
  const start = localTime(now + 90 * 60_000);
  test.skip(localDate(now + 90 * 60_000) !== today || start > "23:00", "needs a slot later today");
  db.update(schema.shopSettings).set({ checkInOpensMinutes: 15 }).run();
  db.insert(schema.pickupSlots)
    .values({ weekday: weekdayOf(today), startTime: start, endTime: "23:59", capacity: 50 })
    .run();
  const product = db
    .insert(schema.products)
    .values({ name: `도착 테스트 바게트 ${now % 10000}`, price: 4000 })
    .returning()
    .get();
  db.insert(schema.dailyPlans).values({ date: today, productId: product.id, planned: 5 }).run();
  const res = await page.request.post("/api/v1/storefront/orders", {
    headers: { "content-type": "application/json" },
    data: {
      pickup_date: today,
      slot: `${start}-23:59`,
      customer: { name: "최일찍", phone: "010-6666-1313" },
      consent: { privacy: true },
      items: [{ product_id: product.id, quantity: 1 }],
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const order = (await res.json()).order as { id: number; token: string };
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/o/${order.token}`);
  await expect(page.getByTestId("checkin-opens")).toContainText(localTime(now + 75 * 60_000).slice(0, 4));
  await expect(page.getByRole("button", { name: "도착했어요" })).toHaveCount(0);
  await page.screenshot({ path: "test-results/order-checkin-opens-390x844.png", fullPage: true });
});
