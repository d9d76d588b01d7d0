/**
 * Reaching the customer through the real built app: a customer opts into push on their order
 * page, staff mark the order ready on the rack, and a local push service decrypts the message
 * with the rack slot. The browser's push service is replaced by that local one (headless
 * Chromium has none): PushManager.subscribe answers with its endpoint and keys.
 */
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import * as schema from "@/db/schema";
import { recordConsent } from "@/lib/customers/consent";
import { optOutToken } from "@/lib/messages/advertising";
import { localDate, localTime } from "@/lib/shop/time";
import { startPushReceiver } from "@/tests/helpers/receivers";
import { e2eDb, e2ePort, ensureShop, openOrderingNow, signIn } from "./fixtures";

// A slot that starts late in the day, so ordering for today is open whenever the spec runs
// before 23:50 shop time (each slot closes when it starts).
const SLOT = "23:50-23:59";

test("customer opts into push, staff marks ready, the push message carries the rack slot", async ({ browser }) => {
  test.skip(localTime(Date.now() + 60_000) >= "23:50", "needs today's 23:50 slot still open");
  const db = ensureShop();
  openOrderingNow(db);
  db.insert(schema.pickupSlots)
    .values(Array.from({ length: 7 }, (_, weekday) => ({ weekday, startTime: "23:50", endTime: "23:59", capacity: 50 })))
    .run();
  const today = localDate(Date.now());
  db.update(schema.orders).set({ status: "cancelled" }).where(eq(schema.orders.pickupDate, today)).run();
  const product = db
    .insert(schema.products)
    .values({ name: `알림 테스트 식빵 ${Date.now() % 10000}`, price: 4500, maxPerOrder: 10 })
    .returning()
    .get();
  db.insert(schema.dailyPlans).values({ date: today, productId: product.id, planned: 20 }).run();
  const push = await startPushReceiver();

  try {
    const customer = await browser.newContext({ viewport: { width: 390, height: 844 }, permissions: ["notifications"] });
    const subscription = push.subscribe("e2e-phone");
    await customer.addInitScript((sub) => {
      const fake = { endpoint: sub.endpoint, toJSON: () => ({ endpoint: sub.endpoint, expirationTime: null, keys: sub.keys }) };
      PushManager.prototype.subscribe = async () => fake as unknown as PushSubscription;
      PushManager.prototype.getSubscription = async () => null;
    }, subscription);
    const phone = await customer.newPage();
    const res = await phone.request.post("/api/v1/storefront/orders", {
      headers: { "content-type": "application/json" },
      data: {
        pickup_date: today,
        slot: SLOT,
        customer: { name: "박알림", phone: "010-4444-1212" },
        consent: { privacy: true },
        items: [{ product_id: product.id, quantity: 1 }],
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    const order = (await res.json()).order as { id: number; token: string; code: string };

    await phone.goto(`/o/${order.token}`);
    await phone.getByRole("button", { name: "준비되면 알림 받기" }).click();
    await expect(phone.getByTestId("push-on")).toBeVisible();
    await phone.screenshot({ path: "test-results/order-push-on-390x844.png", fullPage: true });
    expect(
      db.select().from(schema.pushSubscriptions).where(eq(schema.pushSubscriptions.endpoint, subscription.endpoint)).all(),
    ).toHaveLength(1);
    // The order-received message was already sent (by push, now that there is a subscription, or logged).
    await expect
      .poll(
        () =>
          db
            .select()
            .from(schema.outbox)
            .where(and(eq(schema.outbox.topic, "order_received")))
            .all()
            .some((r) => r.status !== "queued"),
        { timeout: 15_000 },
      )
      .toBe(true);

    const staff = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const board = await staff.newPage();
    await signIn(board);
    await board.goto("/rack");
    const card = board.getByTestId("lane-placed").locator(`[data-code="${order.code}"]`);
    await card.getByRole("button", { name: "준비완료" }).click();
    const readyCard = board.getByTestId("lane-ready").locator(`[data-code="${order.code}"]`);
    await expect(readyCard.getByTestId("rack-slot")).toHaveText(/^[A-Z]\d+$/);
    const rackSlot = (await readyCard.getByTestId("rack-slot").textContent())!.trim();

    await expect
      .poll(() => push.received.find((m) => m.body.includes(order.code) && m.body.includes("준비 완료")), { timeout: 20_000 })
      .toBeTruthy();
    const ready = push.received.find((m) => m.body.includes("준비 완료"))!;
    expect(ready.body).toContain(`픽업 선반 ${rackSlot} 칸`);
    expect(ready.url).toMatch(new RegExp(`/o/${order.token}$`));
    expect(ready.body).not.toContain("4444");

    // The owner sees it in the message log.
    await board.goto("/admin/messages");
    const log = board.getByTestId("outbox-log");
    await expect(log).toContainText("픽업 준비 완료");
    await expect(log.getByTestId("outbox-row").first()).toContainText("push");
    await board.setViewportSize({ width: 1440, height: 900 });
    await board.screenshot({ path: "test-results/admin-messages-1440.png", fullPage: true });
  } finally {
    await push.close();
  }
});

test("the free opt-out link withdraws marketing consent with one tap", async ({ page }) => {
  const db = ensureShop();
  // The opt-out link is signed with the server's secret, kept beside its database.
  process.env.DATABASE_PATH = fs.readFileSync(`test-results/e2e-db-${e2ePort()}`, "utf8").trim();
  const customer = db
    .insert(schema.customers)
    .values({ phone: "01055556666", name: "수신자", token: `t${Date.now()}` })
    .returning()
    .get();
  recordConsent({ db, customerId: customer.id, kind: "marketing", granted: true, source: "storefront", at: Date.now() });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/u/${optOutToken(customer.id)}`);
  await page.getByRole("button", { name: "수신 거부하기" }).click();
  await expect(page.getByTestId("opt-out-done")).toBeVisible();
  const latest = e2eDb()
    .select({ granted: schema.consents.granted, source: schema.consents.source })
    .from(schema.consents)
    .where(eq(schema.consents.customerId, customer.id))
    .all()
    .at(-1);
  expect(latest).toEqual({ granted: false, source: "opt_out_link" });
  // A forged link opens nothing.
  const forged = await page.goto(`/u/${customer.id}.AAAAAAAAAAAAAAAAAAAAAA`);
  expect(forged?.status()).toBe(404);
});
