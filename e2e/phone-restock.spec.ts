import { expect, test, type Page } from "@playwright/test";
import { and, desc, eq } from "drizzle-orm";
import * as schema from "@/db/schema";
import type { Db } from "@/db/client";
import { formatDate } from "@/lib/format";
import { orderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";
import { addDays, localDate } from "@/lib/shop/time";
import { ensureShop, expectNoSeriousA11yViolations, gotoUntil, openOrderingNow, signIn } from "./fixtures";

/**
 * Phone confirmation and restock alerts at phone width: an order placed in one browser is
 * found in another after confirming the phone by code ("내 주문 찾기"); a sold-out loaf gets
 * "입고 알림 받기", and the owner raising the plan queues exactly one message with the link.
 * The code is read where the embedded adapter shows it: the outbox row's payload.
 */
const PHONE_VIEW = { viewport: { width: 390, height: 844 }, hasTouch: true };
test.use(PHONE_VIEW);
// Two browsers, an owner sign-in and axe runs in one test: more than the default minute on a busy machine.
test.describe.configure({ mode: "serial", timeout: 180_000 });

const run = Date.now().toString(36).slice(-4);
const name = (s: string) => `${s} ${run}`;
const tomorrow = addDays(localDate(Date.now()), 1);
// Numbers unique to this run, so a rerun on the same database never finds older rows.
const suffix = String(Date.now() % 10_000).padStart(4, "0");
const PHONE_A = `010-71${suffix.slice(0, 2)}-${suffix}`;
const PHONE_B = `010-72${suffix.slice(0, 2)}-${suffix}`;
const digits = (p: string) => p.replace(/\D/g, "");

let db: Db;
let loaf: schema.Product;
let soldOut: schema.Product;

function product(values: { name: string; price: number }) {
  return db
    .insert(schema.products)
    .values({ ...values, maxPerOrder: 10, sortOrder: -2 })
    .returning()
    .get();
}
function plan(date: string, productId: number, planned: number) {
  db.insert(schema.dailyPlans)
    .values({ date, productId, planned })
    .onConflictDoUpdate({ target: [schema.dailyPlans.date, schema.dailyPlans.productId], set: { planned } })
    .run();
}

/** The newest code the embedded adapter would show for this phone. */
async function sentCode(phone: string): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(() => {
      const row = db
        .select()
        .from(schema.outbox)
        .where(and(eq(schema.outbox.topic, "phone_code"), eq(schema.outbox.phone, digits(phone))))
        .orderBy(desc(schema.outbox.id))
        .get();
      code = (row?.payload as { code?: string } | undefined)?.code;
      return code;
    })
    .toMatch(/^\d{6}$/);
  return code!;
}

async function confirmPhone(scope: ReturnType<Page["getByTestId"]>, phone: string) {
  await scope.getByLabel("휴대전화 번호").fill(phone);
  await scope.getByRole("button", { name: "인증번호 받기" }).click();
  await expect(scope.getByTestId("code-sent")).toBeVisible();
  const code = await sentCode(phone);
  await scope.getByLabel("인증번호 6자리").fill(code === "000000" ? "000001" : "000000");
  await scope.getByRole("button", { name: "확인" }).click();
  await expect(scope.getByTestId("field-error")).toContainText("4번 더");
  await scope.getByLabel("인증번호 6자리").fill(code);
  await scope.getByRole("button", { name: "확인" }).click();
}

test.beforeAll(() => {
  db = ensureShop();
  openOrderingNow(db);
  loaf = product({ name: name("찾는빵"), price: 4500 });
  soldOut = product({ name: name("기다리는빵"), price: 5500 });
  plan(tomorrow, loaf.id, 5);
  plan(tomorrow, soldOut.id, 1);
  placeOrder({
    db,
    channel: "phone",
    input: orderInput.parse({
      pickup_date: tomorrow,
      slot: "12:00-23:59",
      customer: { name: "먼저온손님", phone: "010-9999-0001" },
      consent: { privacy: true },
      items: [{ product_id: soldOut.id, quantity: 1 }],
    }),
  });
});

test("a customer orders on one browser and, after confirming the phone by code on another, finds the order", async ({ page, browser }) => {
  await gotoUntil(page, `/?date=${tomorrow}`, () =>
    expect(page.getByRole("button", { name: `${name("찾는빵")} 담기` })).toBeEnabled({ timeout: 500 }),
  );
  await page.getByRole("button", { name: `${name("찾는빵")} 담기` }).click();
  await page.getByRole("radio", { name: /12:00-23:59/ }).check();
  await page.getByLabel("이름").fill("이단골");
  await page.getByLabel("휴대전화 번호").fill(PHONE_A);
  await page.getByLabel("개인정보 수집·이용에 동의해요 (필수)").check();
  await page.getByRole("button", { name: "4,500원 주문하기" }).click();
  await expect(page).toHaveURL(/\/o\/[\w-]{16,}$/);
  const orderPath = new URL(page.url()).pathname;

  const other = await browser.newContext(PHONE_VIEW);
  const second = await other.newPage();
  await second.goto("/");
  await second.getByRole("link", { name: "내 주문 찾기" }).click();
  await expect(second).toHaveURL(/\/find$/);
  // Nothing of the customer shows before the code.
  await expect(second.getByTestId("found-orders")).toHaveCount(0);
  await second.screenshot({ path: "test-results/artifacts/find-start-390.png", fullPage: true });
  await expectNoSeriousA11yViolations(second);
  await confirmPhone(second.getByTestId("phone-confirm"), PHONE_A);

  await expect(second.getByTestId("confirmed-phone")).toContainText(PHONE_A);
  const found = second.getByTestId("found-order");
  await expect(found).toHaveCount(1);
  await expect(found).toContainText(`${name("찾는빵")} ×1`);
  await expect(found).toContainText(formatDate(tomorrow, "ko"));
  await expect(second.getByTestId("me-link")).toHaveAttribute("href", /^\/me\/[\w-]{16,}$/);
  await second.screenshot({ path: "test-results/artifacts/find-orders-390.png", fullPage: true });
  await expectNoSeriousA11yViolations(second);

  // The confirmed phone may switch marketing consent; the decision is recorded.
  await expect(second.getByTestId("marketing-state")).toHaveText("신상품·할인 소식을 받지 않아요.");
  await second.getByRole("button", { name: "소식 받기" }).click();
  await expect(second.getByTestId("marketing-state")).toHaveText("신상품·할인 소식을 받고 있어요.");
  const customer = db
    .select()
    .from(schema.customers)
    .where(eq(schema.customers.phone, digits(PHONE_A)))
    .get()!;
  const last = db
    .select()
    .from(schema.consents)
    .where(eq(schema.consents.customerId, customer.id))
    .orderBy(desc(schema.consents.id))
    .get()!;
  expect(last).toMatchObject({ granted: true, source: "phone_confirmed" });

  await found.click();
  await expect(second).toHaveURL(new RegExp(`${orderPath}$`));
  await expect(second.getByTestId("order-status")).toHaveText("주문이 접수됐어요");
  await other.close();
});

test("a customer asks for a restock alert on a sold-out loaf; the owner raises the plan and one message with the link is queued", async ({
  page,
  browser,
}) => {
  const card = page.getByTestId("product-card").filter({ hasText: name("기다리는빵") });
  await gotoUntil(page, `/?date=${tomorrow}`, () => expect(card.getByTestId("availability")).toHaveText("품절", { timeout: 500 }));
  await card.getByRole("button", { name: `${name("기다리는빵")} 입고 알림 받기` }).click();
  const sheet = page.getByTestId("restock-sheet");
  await expect(sheet).toBeVisible();
  await page.screenshot({ path: "test-results/artifacts/restock-sheet-390.png" });
  await expectNoSeriousA11yViolations(page);
  await confirmPhone(sheet, PHONE_B);
  // A phone the shop does not know yet: the privacy consent is asked before anything is kept.
  await sheet.getByRole("button", { name: "알림 신청하기" }).click();
  await expect(sheet.getByRole("alert")).toContainText("개인정보 수집·이용에 동의해 주세요.");
  await sheet.getByLabel("[필수] 개인정보 수집·이용에 동의해요").check();
  await sheet.getByRole("button", { name: "알림 신청하기" }).click();
  await expect(sheet.getByTestId("restock-done")).toBeVisible();
  await page.screenshot({ path: "test-results/artifacts/restock-done-390.png" });
  await sheet.getByRole("button", { name: "닫기" }).click();
  await expect(card.getByTestId("restock-subscribed")).toBeVisible();

  const waiter = db
    .select()
    .from(schema.customers)
    .where(eq(schema.customers.phone, digits(PHONE_B)))
    .get()!;
  const restockRows = () =>
    db
      .select()
      .from(schema.outbox)
      .where(and(eq(schema.outbox.topic, "restock_available"), eq(schema.outbox.customerId, waiter.id)))
      .all();
  expect(restockRows()).toHaveLength(0);

  const owner = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const admin = await owner.newPage();
  await signIn(admin);
  await admin.goto("/admin/plan");
  await expect(admin.getByTestId(`plan-row-${soldOut.id}`).getByTestId("plan-waiting")).toHaveText("대기 1명 · 약 5,500원");
  await admin.getByTestId(`plan-row-${soldOut.id}`).screenshot({ path: "test-results/artifacts/plan-waiting.png" });
  await admin.getByLabel(`${name("기다리는빵")} ${formatDate(tomorrow, "ko")} 계획 수량`).fill("3");
  await admin.getByRole("button", { name: "전체 저장" }).click();
  await expect(admin.getByTestId("notice-success")).toBeVisible();
  await expect(admin.getByTestId(`plan-row-${soldOut.id}`).getByTestId("plan-waiting")).toHaveCount(0);
  await admin.screenshot({ path: "test-results/artifacts/plan-after-restock.png" });
  await owner.close();

  const sent = restockRows();
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ phone: digits(PHONE_B), purpose: "transactional" });
  // The delivery worker may already have sent it through the embedded adapter.
  expect(["queued", "sending", "sent", "delivered"]).toContain(sent[0].status);
  const link = (sent[0].payload as { url: string }).url;
  expect(sent[0].payload).toMatchObject({ product: name("기다리는빵"), date: tomorrow, url: `/?date=${tomorrow}&cart=${soldOut.id}x1` });

  // The link opens the date with the loaf already in the cart.
  await page.goto(link);
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await expect(page.getByTestId("cart-line")).toContainText(name("기다리는빵"));
});
