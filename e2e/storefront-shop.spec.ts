import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import * as schema from "@/db/schema";
import type { Db } from "@/db/client";
import { addDays, localDate, zonedTime } from "@/lib/shop/time";
import { ensureShop, openOrderingNow, OWNER, signIn } from "./fixtures";

/**
 * Issue 11, customer side: the shop's address, phone and hours; a product's minimum notice;
 * product photos; keeping the link after ordering or asking; share previews; the 404 page;
 * date chips and the chosen time at the order button. Phone width unless said otherwise.
 */
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });
test.describe.configure({ mode: "serial" });

const SHOTS = "test-results/h11-store";
const run = Date.now().toString(36).slice(-4);
const name = (s: string) => `${s} ${run}`;
const today = localDate(Date.now());
const tomorrow = addDays(today, 1);
const later = addDays(today, 2);

let db: Db;
let cake: schema.Product;
let bread: schema.Product;

function plan(date: string, productId: number, planned: number) {
  db.insert(schema.dailyPlans)
    .values({ date, productId, planned })
    .onConflictDoUpdate({ target: [schema.dailyPlans.date, schema.dailyPlans.productId], set: { planned } })
    .run();
}
const shot = (page: Page, file: string, fullPage = false) => page.screenshot({ path: `${SHOTS}/${file}`, fullPage });

test.beforeAll(() => {
  fs.mkdirSync(SHOTS, { recursive: true });
  db = ensureShop();
  openOrderingNow(db);
  db.update(schema.shopSettings).set({ daysAhead: 7 }).run();
  bread = db
    .insert(schema.products)
    .values({ name: name("우유식빵"), price: 5000, maxPerOrder: 10, sortOrder: -3 })
    .returning()
    .get();
  // Needs notice: the 00:00 slot of `later` is already too close, its 12:00 slot is not.
  const hoursToLaterMidnight = (zonedTime(later, "00:00") - Date.now()) / 3_600_000;
  cake = db
    .insert(schema.products)
    .values({ name: name("딸기 케이크"), price: 32000, maxPerOrder: 2, sortOrder: -2, minNoticeHours: Math.ceil(hoursToLaterMidnight) + 1 })
    .returning()
    .get();
  for (const d of [today, tomorrow, later]) {
    plan(d, bread.id, 20);
    plan(d, cake.id, 3);
  }
});

test("the owner sets address, phone and hours; the storefront and the order page show them with a map search and tap-to-call (item 6)", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page);
  await page.goto("/admin/settings");
  const details = page.getByTestId("shop-details");
  await details.getByLabel("전화번호").fill("02-123-4567");
  await details.getByLabel("주소").fill("서울 마포구 망원로 12");
  await details.getByLabel("영업시간").fill("화–토 10:00–19:00\n일 11:00–17:00, 월요일 휴무");
  await details.getByRole("button", { name: "저장" }).click();
  await expect(details.getByTestId("notice-success")).toBeVisible();
  await shot(page, "06-settings-desktop.png");
  expect(db.select().from(schema.shopSettings).get()).toMatchObject({
    address: "서울 마포구 망원로 12",
    phone: "02-123-4567",
    openingHours: "화–토 10:00–19:00\n일 11:00–17:00, 월요일 휴무",
  });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.context().clearCookies();
  await page.goto("/");
  const info = page.getByTestId("shop-info");
  await expect(info.getByTestId("shop-address")).toHaveText("서울 마포구 망원로 12");
  await expect(info.getByRole("link", { name: "지도에서 보기 · Naver" })).toHaveAttribute(
    "href",
    "https://map.naver.com/p/search/%EC%84%9C%EC%9A%B8%20%EB%A7%88%ED%8F%AC%EA%B5%AC%20%EB%A7%9D%EC%9B%90%EB%A1%9C%2012",
  );
  await expect(info.getByRole("link", { name: "지도에서 보기 · Kakao" })).toHaveAttribute(
    "href",
    /^https:\/\/map\.kakao\.com\/link\/search\//,
  );
  await expect(info.getByRole("link", { name: "02-123-4567" })).toHaveAttribute("href", "tel:021234567");
  await expect(info.getByTestId("shop-hours")).toHaveText("화–토 10:00–19:00\n일 11:00–17:00, 월요일 휴무");
  await info.scrollIntoViewIfNeeded();
  await shot(page, "06-storefront-shop-info.png");
});

test("a product with minimum notice: shown, slots it cannot make disabled, the chosen time beside the order button, the API says 422 (items 3, 20)", async ({
  page,
}) => {
  await page.goto(`/?date=${later}`);
  const card = page.getByTestId("product-card").filter({ hasText: name("딸기 케이크") });
  await expect(card.getByTestId("min-notice")).toHaveText(/^픽업 \d+시간 전까지 주문$/);
  await card.getByRole("button", { name: `${name("딸기 케이크")} 담기` }).click();
  const early = page.getByRole("radio", { name: /00:00-11:59/ });
  await expect(early).toBeDisabled();
  await expect(page.locator("label").filter({ has: early })).toContainText(`${name("딸기 케이크")} 주문 기한이 지났어요`);
  await expect(page.getByRole("radio", { name: /12:00-23:59/ })).toBeChecked();
  const chosen = page.getByTestId("chosen-pickup");
  await expect(chosen).toContainText("12:00-23:59");
  await expect(chosen).toBeInViewport();
  await expect(page.getByRole("button", { name: "32,000원 주문하기" })).toBeInViewport();
  await shot(page, "03-20-notice-and-chosen-time.png");
  await page.getByRole("radio", { name: /12:00-23:59/ }).scrollIntoViewIfNeeded();
  await shot(page, "03-slots.png");

  const refused = await page.request.post("/api/v1/storefront/orders", {
    data: {
      pickup_date: later,
      slot: "00:00-11:59",
      customer: { name: "김단골", phone: "010-1111-2222" },
      consent: { privacy: true },
      items: [{ product_id: cake.id, quantity: 1 }],
    },
  });
  expect(refused.status()).toBe(422);
  const body = await refused.json();
  expect(body.error.code).toBe("notice_too_short");
  expect(body.error.message).toMatch(new RegExp(`^${name("딸기 케이크")}(은|는) 픽업 \\d+시간 전까지 주문할 수 있어요`));
});

test("too late for every slot of a date: the product says so and cannot be added (item 3)", async ({ page }) => {
  await page.goto(`/?date=${tomorrow}`);
  const card = page.getByTestId("product-card").filter({ hasText: name("딸기 케이크") });
  await expect(card.getByTestId("min-notice")).toContainText("이 날짜는 주문이 마감됐어요");
  await expect(card.getByRole("button", { name: `마감 · ${name("딸기 케이크")} · 이 날짜는 주문이 마감됐어요` })).toBeDisabled();
});

test("date chips: wrapped and all visible at desktop width, arrows on a phone (item 20)", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/");
  const strip = page.getByTestId("date-strip");
  const chips = strip.getByRole("link");
  expect(await chips.count()).toBeGreaterThanOrEqual(7);
  const box = (await strip.boundingBox())!;
  for (const chip of await chips.all()) {
    const b = (await chip.boundingBox())!;
    expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.width + 1);
    await expect(chip).toBeInViewport();
  }
  await expect(page.getByRole("button", { name: "다음 날짜 보기" })).toBeHidden();
  await shot(page, "20-dates-desktop.png");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  const next = page.getByRole("button", { name: "다음 날짜 보기" });
  await expect(next).toBeVisible();
  const last = page.getByTestId("date-strip").getByRole("link").last();
  await expect(last).not.toBeInViewport();
  await shot(page, "20-dates-phone.png");
  // Each tap moves most of a screen; at the end the arrow goes away.
  for (let i = 0; i < 5 && (await next.isVisible()); i++) {
    await next.click();
    await page.waitForTimeout(400);
  }
  await expect(next).toBeHidden();
  await expect(last).toBeInViewport();
  await expect(page.getByRole("button", { name: "이전 날짜 보기" })).toBeVisible();
});

test("after ordering, the page says to keep the link: copy, home screen, calendar (item 7)", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(`/?date=${tomorrow}`);
  await page.getByRole("button", { name: `${name("우유식빵")} 담기` }).click();
  await page.getByLabel("이름").fill("김단골");
  await page.getByLabel("휴대전화 번호").fill("010 5555 6666");
  await page.getByLabel("개인정보 수집·이용에 동의해요 (필수)").check();
  await page.getByRole("button", { name: "5,000원 주문하기" }).click();
  await expect(page).toHaveURL(/\/o\/[\w-]{16,}$/);
  const keep = page.getByTestId("keep-link");
  await expect(keep.getByRole("heading", { name: "이 링크를 꼭 간직해 주세요" })).toBeVisible();
  await expect(keep.getByTestId("keep-url")).toHaveText(page.url());
  await expect(keep).toContainText("홈 화면에 추가");
  await expect(keep.getByRole("link", { name: "캘린더에 추가" })).toHaveAttribute("href", /\/calendar$/);
  await keep.getByRole("button", { name: "링크 복사" }).click();
  await expect(keep.getByRole("button", { name: "복사했어요" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
  await keep.scrollIntoViewIfNeeded();
  await shot(page, "07-order-keep-link.png");
  // The shop's details on the order page too (item 6).
  await expect(page.getByTestId("shop-info").getByRole("link", { name: "02-123-4567" })).toHaveAttribute("href", "tel:021234567");
  await page.getByTestId("shop-info").scrollIntoViewIfNeeded();
  await shot(page, "06-order-shop-info.png");
});

test("after an inquiry, the success page links to where the answer will appear (item 7)", async ({ page }) => {
  await page.goto("/inquiry");
  const form = page.getByTestId("inquiry-form");
  await form.getByLabel("이름").fill("이문의");
  await form.getByLabel("휴대전화 번호").fill(`010-7${run.replace(/\D/g, "0").padEnd(3, "0").slice(0, 3)}-4321`);
  await form.getByLabel("문의 내용").fill("케이크에 초를 꽂아 주실 수 있나요?");
  await form.getByLabel("[필수] 개인정보 수집·이용에 동의해요.").check();
  await form.getByRole("button", { name: "문의 보내기" }).click();
  await expect(page).toHaveURL(/\/inquiry\/sent\?me=/);
  await expect(page.getByTestId("inquiry-sent")).toBeVisible();
  await expect(page.getByTestId("keep-link")).toBeVisible();
  await shot(page, "07-inquiry-sent.png");
  await page.getByRole("link", { name: "내 정보에서 답변 보기" }).click();
  await expect(page).toHaveURL(/\/me\/[\w-]+#me-inquiries$/);
  await expect(page.getByTestId("me-inquiries")).toContainText("케이크에 초를 꽂아 주실 수 있나요?");
});

test("the owner uploads a product photo; bad files are refused in Korean; the storefront and counter show it (item 9)", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, OWNER);
  await page.goto(`/admin/products/${bread.id}`);
  const box = page.getByTestId("product-photo");
  const file = box.getByLabel("사진 파일");
  const submit = box.getByRole("button", { name: "사진 올리기" });

  await file.setInputFiles({ name: "menu.jpg", mimeType: "image/jpeg", buffer: Buffer.from("not really a picture") });
  await submit.click();
  await expect(box.getByTestId("field-error")).toHaveText("JPG, PNG, WebP 사진만 올릴 수 있어요.");
  await file.setInputFiles({
    name: "logo.svg",
    mimeType: "image/svg+xml",
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  });
  await submit.click();
  await expect(box.getByTestId("field-error")).toHaveText("JPG, PNG, WebP 사진만 올릴 수 있어요.");
  await file.setInputFiles({ name: "huge.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(20 * 1024 * 1024, 0xff) });
  await submit.click();
  await expect(box.getByTestId("field-error")).toHaveText("사진은 8MB까지 올릴 수 있어요. 더 작은 사진을 골라 주세요.");
  await shot(page, "09-photo-refused.png");
  expect(
    db.select({ photoKey: schema.products.photoKey }).from(schema.products).where(eq(schema.products.id, bread.id)).get()!.photoKey,
  ).toBeNull();

  const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: "#d9a066" } })
    .composite([
      { input: Buffer.from('<svg width="1600" height="1200"><ellipse cx="800" cy="650" rx="600" ry="380" fill="#8a4b12"/></svg>') },
    ])
    .jpeg()
    .toBuffer();
  await file.setInputFiles({ name: "bread.jpg", mimeType: "image/jpeg", buffer: photo });
  await submit.click();
  await expect(box.getByText("사진을 올렸어요.")).toBeVisible();
  await expect(box.getByTestId("product-photo-img")).toBeVisible();
  await shot(page, "09-admin-photo.png");
  const key = db.select({ photoKey: schema.products.photoKey }).from(schema.products).where(eq(schema.products.id, bread.id)).get()!
    .photoKey!;
  expect(key).toMatch(/^[0-9a-f]{16}$/);

  await page.goto("/admin/counter");
  await expect(
    page
      .getByTestId("counter-product")
      .filter({ hasText: name("우유식빵") })
      .locator("img"),
  ).toHaveAttribute("src", `/photos/${key}-480.webp`);
  await shot(page, "09-counter-photo.png");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/?date=${tomorrow}`);
  const img = page
    .getByTestId("product-card")
    .filter({ hasText: name("우유식빵") })
    .getByRole("img", { name: name("우유식빵") });
  await expect(img).toHaveAttribute("srcset", `/photos/${key}-240.webp 240w, /photos/${key}-480.webp 480w, /photos/${key}-960.webp 960w`);
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  await shot(page, "09-storefront-photo.png");
  const res = await page.request.get(`/photos/${key}-960.webp`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("image/webp");
  expect(res.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
});

test("a shared storefront link shows the shop: title, Open Graph and Twitter tags, a generated picture (item 8)", async ({ page }) => {
  await page.goto("/");
  const shopName = db.select().from(schema.shopSettings).get()!.name;
  await expect(page).toHaveTitle(`픽업 주문 · ${shopName}`);
  const meta = (sel: string) => page.locator(sel).getAttribute("content");
  expect(await meta('meta[property="og:title"]')).toBe(shopName);
  expect(await meta('meta[property="og:site_name"]')).toBe(shopName);
  expect(await meta('meta[property="og:description"]')).toBe(
    `${shopName}에서 미리 주문하고 원하는 시간에 찾아가세요. 서울 마포구 망원로 12`,
  );
  expect(await meta('meta[name="twitter:card"]')).toBe("summary_large_image");
  expect(await meta('meta[name="twitter:title"]')).toBe(shopName);
  const image = (await meta('meta[property="og:image"]'))!;
  expect(image).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/opengraph-image/);
  const res = await page.request.get(image);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("image/png");
  const png = await res.body();
  expect(await sharp(png).metadata()).toMatchObject({ width: 1200, height: 630 });
  fs.writeFileSync(`${SHOTS}/08-og-image.png`, png);
});

test("a branded 404 in the visitor's language with a way back: unknown page, bad order link, /setup after setup (item 16)", async ({
  page,
  context,
}) => {
  for (const path of ["/no-such-page", "/setup", "/me/not-a-real-token"]) {
    const res = await page.goto(path);
    expect(res!.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "찾는 페이지가 없어요." })).toBeVisible();
    await expect(page.getByRole("link", { name: "가게 첫 화면으로" })).toHaveAttribute("href", "/");
  }
  await shot(page, "16-not-found-ko.png");
  await page.goto("/o/not-a-real-token");
  await expect(page.getByRole("heading", { name: "주문을 찾을 수 없어요" })).toBeVisible();
  await expect(page.getByRole("link", { name: "가게로 가기" })).toBeVisible();
  await shot(page, "16-order-not-found.png");

  await context.addCookies([{ name: "locale", value: "en", domain: "127.0.0.1", path: "/" }]);
  await page.goto("/setup");
  await expect(page.getByRole("heading", { name: "This page does not exist." })).toBeVisible();
  await shot(page, "16-not-found-en.png");
  await page.getByRole("link", { name: "Go to the shop’s front page" }).click();
  await expect(page).toHaveURL(/\/$/);
});
