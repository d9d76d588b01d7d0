import { expect, test, type Request } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { dailyPlans, orders, productOptionChoices, productOptionGroups, products, users } from "@/db/schema";
import { createUser } from "@/lib/auth/users";
import { formatDate } from "@/lib/format";
import { orderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";
import { addDays, localDate } from "@/lib/shop/time";
import { ensureShop, openOrderingNow, signIn } from "./fixtures";

const tomorrow = () => addDays(localDate(Date.now(), "Asia/Seoul"), 1);
const unique = () => Date.now().toString(36).slice(-5);

test.beforeEach(() => {
  openOrderingNow(ensureShop());
});

test("owner creates a product with an option group, plans it for tomorrow, and the storefront offers it", async ({ page }) => {
  const db = ensureShop();
  const name = `E2E 원두 ${unique()}`;
  await signIn(page);

  await page.goto("/admin/products/new");
  await page.getByLabel("상품 이름").fill(name);
  await page.getByLabel("가격(원)").fill("14000");
  await page.getByLabel("한 주문 최대 수량").fill("5");
  await page.getByRole("button", { name: "옵션 추가" }).click();
  await page.getByLabel("옵션 이름", { exact: true }).fill("분쇄도");
  await page.getByLabel("분쇄도 선택지 이름 1").fill("홀빈");
  await page.getByRole("button", { name: "선택지 추가" }).click();
  await page.getByLabel("분쇄도 선택지 이름 2").fill("에스프레소");
  await page.getByLabel("분쇄도 추가 금액(원) 2").fill("500");
  await page.getByRole("button", { name: "상품 만들기" }).click();
  await expect(page.getByTestId("product-created")).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/products\/\d+/);

  const product = db.select().from(products).where(eq(products.name, name)).get()!;
  expect(product).toMatchObject({ price: 14000, maxPerOrder: 5, active: true });
  const group = db.select().from(productOptionGroups).where(eq(productOptionGroups.productId, product.id)).get()!;
  expect(group).toMatchObject({ name: "분쇄도", required: true });
  const choices = db.select().from(productOptionChoices).where(eq(productOptionChoices.groupId, group.id)).all();
  expect(choices.map((c) => [c.name, c.priceDelta])).toEqual([
    ["홀빈", 0],
    ["에스프레소", 500],
  ]);

  await page.goto("/admin/plan");
  await page.getByLabel(`${name} ${formatDate(tomorrow(), "ko")} 계획 수량`).fill("13");
  await page.getByRole("button", { name: "전체 저장" }).click();
  await expect(page.getByTestId("notice-success")).toBeVisible();
  expect(
    db
      .select()
      .from(dailyPlans)
      .where(and(eq(dailyPlans.date, tomorrow()), eq(dailyPlans.productId, product.id)))
      .get()?.planned,
  ).toBe(13);

  await page.goto(`/?date=${tomorrow()}`);
  const card = page.locator("li, article, section").filter({ hasText: name }).last();
  await expect(card).toBeVisible();
  await expect(card.getByText("13개 남음")).toBeVisible();
});

test("staff cannot open settings, and a direct POST of an owner action is refused", async ({ browser, baseURL }) => {
  const db = ensureShop();
  const staff = { email: `staff-${unique()}@dangol.test`, password: "staff-password-1" };
  createUser({ db, email: staff.email, password: staff.password, role: "staff", name: "박직원" });
  const intruder = `intruder-${unique()}@dangol.test`;

  // Capture the owner's "add staff" request without letting it run.
  const ownerContext = await browser.newContext({ baseURL });
  const owner = await ownerContext.newPage();
  await signIn(owner);
  await owner.goto("/admin/settings");
  let captured: Request | null = null;
  await owner.route("**/admin/settings", async (route) => {
    if (route.request().method() === "POST") {
      captured = route.request();
      await route.abort();
    } else await route.continue();
  });
  const staffSection = owner.getByTestId("staff-accounts");
  await staffSection.getByLabel("이름", { exact: true }).fill("침입자");
  await staffSection.getByLabel("이메일").fill(intruder);
  await staffSection.getByLabel("처음 비밀번호").fill("intruder-pass-1");
  await staffSection.getByRole("button", { name: "직원 추가" }).click();
  await expect.poll(() => captured).not.toBeNull();
  const request = captured as unknown as Request;
  const headers = await request.allHeaders();
  const body = request.postDataBuffer()!;
  await ownerContext.close();

  const staffContext = await browser.newContext({ baseURL });
  const page = await staffContext.newPage();
  await signIn(page, staff);
  await page.goto("/admin/settings");
  await expect(page).toHaveURL(/\/admin\/forbidden/);
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await expect(page.getByRole("link", { name: "설정" })).toHaveCount(0);

  const response = await page.request.post("/admin/settings", {
    headers: { "next-action": headers["next-action"], "content-type": headers["content-type"], accept: "text/x-component" },
    data: body,
  });
  expect(await response.text()).toContain("이 작업을 할 권한이 없어요.");
  expect(db.select().from(users).where(eq(users.email, intruder)).get()).toBeUndefined();
  await staffContext.close();
});

test("owner sees an order placed through placeOrder, opens it and cancels it with a reason", async ({ page }) => {
  const db = ensureShop();
  const date = tomorrow();
  const bread = db
    .insert(products)
    .values({ name: `E2E 식빵 ${unique()}`, price: 5000, maxPerOrder: 10 })
    .returning()
    .get();
  db.insert(dailyPlans).values({ date, productId: bread.id, planned: 6 }).run();
  const { order } = placeOrder({
    db,
    channel: "web",
    input: orderInput.parse({
      pickup_date: date,
      slot: "12:00-23:59",
      customer: { name: "김단골", phone: "010-2345-6789" },
      consent: { privacy: true },
      items: [{ product_id: bread.id, quantity: 2 }],
    }),
  });

  await signIn(page);
  await page.goto(`/admin/orders?date=${date}`);
  const row = page.getByTestId("order-list").getByRole("row").filter({ hasText: order.code });
  await expect(row).toContainText("김단골");
  await expect(row).toContainText("10,000원");
  await expect(row).not.toContainText("010-2345-6789");

  await row.getByRole("link", { name: order.code }).click();
  await expect(page.getByTestId("order-customer")).toHaveText("김단골");
  await expect(page.getByText("010-2345-6789")).toBeVisible();
  await expect(page.getByTestId("order-timeline")).toContainText("주문 접수");

  page.once("dialog", (d) => d.accept());
  await page.getByLabel("취소 사유").fill("손님이 전화로 취소");
  await page.getByRole("button", { name: "주문 취소하기" }).click();
  // The cancel box leaves with the live order; the timeline now records who cancelled and why.
  await expect(page.getByTestId("order-timeline")).toContainText("접수 → 취소");
  expect(db.select().from(orders).where(eq(orders.id, order.id)).get()).toMatchObject({
    status: "cancelled",
    cancelReason: "손님이 전화로 취소",
  });
  await expect(page.getByTestId("order-timeline")).toContainText("손님이 전화로 취소");
});

test("owner enters a phone order under the storefront's rules", async ({ page }) => {
  const db = ensureShop();
  const date = tomorrow();
  const name = `E2E 바게트 ${unique()}`;
  const product = db.insert(products).values({ name, price: 4500, maxPerOrder: 3 }).returning().get();
  db.insert(dailyPlans).values({ date, productId: product.id, planned: 4 }).run();

  await signIn(page);
  await page.goto(`/admin/orders/new?date=${date}`);
  await page.getByLabel("12:00-23:59", { exact: false }).check();
  await page.getByLabel(`${name} 수량`).fill("5");
  await page.getByLabel("손님 이름").fill("전화손님");
  await page.getByLabel("휴대전화 번호").fill("01098765432");
  await page.getByRole("button", { name: "주문 넣기" }).click();
  // Over the per-order maximum: refused like on the storefront, nothing written.
  await expect(page.getByTestId("notice-error")).toBeVisible();
  expect(
    db
      .select()
      .from(orders)
      .where(eq(orders.channel, "phone"))
      .all()
      .filter((o) => o.note === "e2e-phone"),
  ).toHaveLength(0);

  await page.getByLabel(`${name} 수량`).fill("2");
  await page.getByLabel("요청사항").fill("e2e-phone");
  await page.getByLabel("손님이 개인정보 수집·이용에 동의했어요 (전화로 안내)").check();
  await page.getByRole("button", { name: "주문 넣기" }).click();
  await expect(page.getByTestId("order-placed")).toBeVisible();
  const placed = db.select().from(orders).where(eq(orders.note, "e2e-phone")).get()!;
  expect(placed).toMatchObject({ channel: "phone", total: 9000, pickupDate: date });
  expect(placed.createdByUserId).not.toBeNull();
  await expect(page.getByTestId("order-customer")).toHaveText("전화손님");
});
