import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as schema from "@/db/schema";
import type { Db } from "@/db/client";
import { orderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";
import { addDays, localDate, localTime } from "@/lib/shop/time";
import { ensureShop, expectNoSeriousA11yViolations, gotoUntil, openOrderingNow } from "./fixtures";

/**
 * The customer's journey at phone width: order with options, see the code and QR, the
 * sold-out and past-cut-off paths, cancel before cut-off, live status, accessibility.
 */
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });
test.describe.configure({ mode: "serial" });

const run = Date.now().toString(36).slice(-4);
const name = (s: string) => `${s} ${run}`;
const today = localDate(Date.now());
const tomorrow = addDays(today, 1);

let db: Db;
let bread: schema.Product;
let salt: schema.Product;
let croissant: schema.Product;
let baguette: schema.Product;

function product(values: { name: string; price: number }) {
  return db
    .insert(schema.products)
    .values({ ...values, maxPerOrder: 10, sortOrder: -1 })
    .returning()
    .get();
}
function plan(date: string, productId: number, planned: number) {
  db.insert(schema.dailyPlans)
    .values({ date, productId, planned })
    .onConflictDoUpdate({ target: [schema.dailyPlans.date, schema.dailyPlans.productId], set: { planned } })
    .run();
}
/** Someone else's order placed straight through the domain function. */
function otherOrder(date: string, productId: number, quantity: number, channel: "web" | "phone" = "phone", slot = "12:00-23:59") {
  return placeOrder({
    db,
    channel,
    input: orderInput.parse({
      pickup_date: date,
      slot,
      customer: { name: "다른손님", phone: "010-9999-0000" },
      consent: { privacy: true },
      items: [{ product_id: productId, quantity }],
    }),
  }).order;
}

test.beforeAll(() => {
  db = ensureShop();
  openOrderingNow(db);
  bread = product({ name: name("우유식빵"), price: 5000 });
  const group = db.insert(schema.productOptionGroups).values({ productId: bread.id, name: "슬라이스", required: true }).returning().get();
  db.insert(schema.productOptionChoices).values({ groupId: group.id, name: "통으로", priceDelta: 0, sortOrder: 0 }).run();
  db.insert(schema.productOptionChoices).values({ groupId: group.id, name: "슬라이스 해 주세요", priceDelta: 500, sortOrder: 1 }).run();
  salt = product({ name: name("소금빵"), price: 3000 });
  croissant = product({ name: name("크루아상"), price: 4200 });
  baguette = product({ name: name("바게트"), price: 4000 });
  const notBaked = product({ name: name("안 굽는 빵"), price: 1000 });
  plan(tomorrow, bread.id, 10);
  plan(tomorrow, salt.id, 5);
  plan(tomorrow, croissant.id, 3);
  plan(tomorrow, baguette.id, 1);
  plan(tomorrow, notBaked.id, 0);
  otherOrder(tomorrow, baguette.id, 1);
});

test("a customer orders with options at phone width and sees the code and QR", async ({ page }) => {
  await gotoUntil(page, `/?date=${tomorrow}`, () =>
    expect(
      page
        .getByTestId("product-card")
        .filter({ hasText: name("바게트") })
        .getByTestId("availability"),
    ).toHaveText("품절", { timeout: 500 }),
  );
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(page.getByTestId("product-card").filter({ hasText: name("안 굽는 빵") })).toHaveCount(0);

  const breadCard = page.getByTestId("product-card").filter({ hasText: name("우유식빵") });
  await expect(breadCard.getByTestId("availability")).toHaveText("10개 남음");
  await breadCard.getByRole("radio", { name: /슬라이스 해 주세요/ }).check();
  await breadCard.getByRole("button", { name: `${name("우유식빵")} 담기` }).click();
  await page.getByRole("button", { name: `${name("우유식빵")} (슬라이스 해 주세요) 하나 더` }).click();
  await page.getByRole("button", { name: `${name("소금빵")} 담기` }).click();
  await expect(page.getByTestId("cart-total")).toHaveText("14,000원");

  await page.getByRole("radio", { name: /12:00-23:59/ }).check();
  await page.getByLabel("이름").fill("김단골");
  await page.getByLabel("휴대전화 번호").fill("010 2345 6789");
  await page.getByLabel("요청사항 (선택)").fill("6시쯤 갈게요");

  // Forgetting the consent: the message sits next to the box and nothing typed is lost.
  await page.getByRole("button", { name: "14,000원 주문하기" }).click();
  await expect(page.getByTestId("order-error")).toContainText("개인정보 수집·이용에 동의해야");
  await expect(page.getByTestId("field-error")).toContainText("개인정보 수집·이용에 동의해야 주문할 수 있어요.");
  await expect(page.getByLabel("이름")).toHaveValue("김단골");
  await expect(page.getByLabel("휴대전화 번호")).toHaveValue("010 2345 6789");
  await expect(page.getByTestId("cart-line")).toHaveCount(2);
  await expect(page.getByRole("radio", { name: /12:00-23:59/ })).toBeChecked();

  await page.getByLabel("개인정보 수집·이용에 동의해요 (필수)").check();
  await page.getByRole("button", { name: "14,000원 주문하기" }).click();
  await expect(page).toHaveURL(/\/o\/[\w-]{16,}$/);
  await expect(page.getByTestId("order-status")).toHaveText("주문이 접수됐어요");
  const code = (await page.getByTestId("pickup-code").textContent())!.trim();
  expect(code).toMatch(/^[A-Z]\d{3,4}$/);
  await expect(page.getByTestId("qr-code").locator("svg")).toBeVisible();
  await expect(page.getByTestId("qr-code")).toHaveAttribute("data-value", code);
  await expect(page.getByTestId("order-item").first()).toContainText("슬라이스 해 주세요");
  await expect(page.getByTestId("order-total")).toHaveText("14,000원");

  const token = page.url().split("/o/")[1];
  const order = db.select().from(schema.orders).where(eq(schema.orders.token, token)).get()!;
  expect(order).toMatchObject({
    code,
    channel: "web",
    status: "placed",
    total: 14_000,
    pickupDate: tomorrow,
    slotStart: "12:00",
    note: "6시쯤 갈게요",
  });
  const items = db.select().from(schema.orderItems).where(eq(schema.orderItems.orderId, order.id)).all();
  expect(items.map((i) => [i.productName, i.quantity, i.unitPrice, i.options.map((o) => o.choice)])).toEqual([
    [name("우유식빵"), 2, 5500, ["슬라이스 해 주세요"]],
    [name("소금빵"), 1, 3000, []],
  ]);
  const customer = db.select().from(schema.customers).where(eq(schema.customers.id, order.customerId!)).get()!;
  expect(customer.phone).toBe("01023456789");

  // The calendar file carries the pickup window in the shop's zone (12:00 KST = 03:00 UTC).
  const ics = await page.request.get(`/o/${token}/calendar`);
  expect(ics.headers()["content-type"]).toContain("text/calendar");
  expect(await ics.text()).toContain(`DTSTART:${tomorrow.replace(/-/g, "")}T030000Z`);

  await expectNoSeriousA11yViolations(page);
});

test("a cart link prefills the cart, and the storefront passes axe", async ({ page }) => {
  await gotoUntil(page, `/?date=${tomorrow}&cart=${salt.id}x2,${baguette.id}x1`, () =>
    expect(page.getByTestId("cart-line")).toHaveCount(1, { timeout: 500 }),
  );
  await expect(page.getByLabel(`${name("소금빵")} 수량`)).toHaveText("2");
  await expect(page.getByTestId("cart-total")).toHaveText("6,000원");
  await expectNoSeriousA11yViolations(page);
});

test("ordering more than is left names the item and what is left, keeping the cart", async ({ page }) => {
  const card = page.getByTestId("product-card").filter({ hasText: name("크루아상") });
  await gotoUntil(page, `/?date=${tomorrow}`, () => expect(card.getByTestId("availability")).toHaveText("3개 남음", { timeout: 500 }));
  for (let i = 0; i < 3; i++) await card.getByRole("button", { name: `${name("크루아상")} 담기` }).click();
  await expect(card.getByRole("button", { name: `${name("크루아상")} 담기` })).toBeDisabled();
  await page.getByLabel("이름").fill("박손님");
  await page.getByLabel("휴대전화 번호").fill("01034567890");
  await page.getByLabel("개인정보 수집·이용에 동의해요 (필수)").check();

  // Meanwhile someone else takes two.
  otherOrder(tomorrow, croissant.id, 2);
  const before = db.select().from(schema.orders).all().length;
  await page.getByRole("button", { name: "12,600원 주문하기" }).click();
  await expect(page.getByTestId("order-error")).toContainText(`준비된 수량이 모자라요 (남은 수량): ${name("크루아상")}(1)`);
  await expect(page.getByTestId("cart-line").getByTestId("field-error")).toHaveText("1개만 남았어요. 수량을 줄여 주세요.");
  await expect(card.getByTestId("availability")).toHaveText("1개 남음");
  await expect(page.getByLabel("이름")).toHaveValue("박손님");
  expect(db.select().from(schema.orders).all().length).toBe(before);
  await expect(page).toHaveURL(new RegExp(`\\?date=${tomorrow}$`));
});

test("a customer cancels before the cut-off, and an unknown link is a Korean 404", async ({ page }) => {
  const order = otherOrder(tomorrow, salt.id, 1);
  await page.goto(`/o/${order.token}`);
  await page.getByRole("button", { name: "주문 취소" }).click();
  await page.getByRole("button", { name: "네, 취소할게요" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("주문이 취소됐어요.");
  expect(db.select().from(schema.orders).where(eq(schema.orders.id, order.id)).get()!.status).toBe("cancelled");
  await expect(page.getByTestId("timeline")).toContainText("취소");

  const missing = await page.goto("/o/this-token-does-not-exist-123");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "주문을 찾을 수 없어요" })).toBeVisible();
});

test("the order page follows the rack without reload, and '도착했어요' records arrival", async ({ page, browser }) => {
  plan(today, salt.id, 10);
  // Today's slot under way (a phone order may take it): "도착했어요" opens 15 minutes before a slot starts.
  const order = otherOrder(today, salt.id, 1, "phone", localTime(Date.now()) < "12:00" ? "00:00-11:59" : "12:00-23:59");
  await page.goto(`/o/${order.token}`);
  await expect(page.getByTestId("order-status")).toHaveText("주문이 접수됐어요");

  // A second phone (the same customer's link) taps "I'm here": the server publishes the change
  // and the first page updates through its event stream.
  const other = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const second = await other.newPage();
  await second.goto(`/o/${order.token}`);
  await second.getByRole("button", { name: "도착했어요" }).click();
  await expect(second.getByTestId("order-status")).toHaveText("도착 알림을 받았어요. 곧 건네드릴게요.");
  await expect(page.getByTestId("order-status")).toHaveText("도착 알림을 받았어요. 곧 건네드릴게요.", { timeout: 7_000 });
  const row = db.select().from(schema.orders).where(eq(schema.orders.id, order.id)).get()!;
  expect(row.status).toBe("arrived");
  expect(row.arrivedAt).toBeGreaterThan(0);
  await other.close();
});

test("past the cut-off the storefront says when ordering opens next", async ({ page }) => {
  test.skip(localTime(Date.now() + 60_000) >= "23:59", "ordering opens at 23:59 in this test");
  // Every date's cut-off was yesterday or earlier; the day after tomorrow opens tonight at 23:59.
  db.update(schema.shopSettings)
    .set({ cutoffMode: "day_before", cutoffDaysBefore: 1, cutoffTime: "00:00", opensDaysBefore: 2, opensTime: "23:59" })
    .run();
  try {
    await page.goto(`/?date=${today}`);
    await expect(page.getByTestId("date-state").first()).toContainText("픽업 주문은 마감됐어요.");
    await expect(page.getByTestId("date-state").first()).toContainText("다음 주문은");
    await expect(page.getByTestId("date-state").first()).toContainText("23:59에 열려요");
    await expect(page.getByRole("button", { name: /주문하기/ })).toHaveCount(0);
    await page.goto("/");
    await expect(page.getByTestId("date-state").first()).toContainText("지금은 주문을 받고 있지 않아요.");
  } finally {
    openOrderingNow(db);
  }
});
