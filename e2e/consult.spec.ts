/**
 * The consultation loop: the owner builds a form → a customer fills it on a phone → staff
 * open the card, add a visit note and recommendations → the customer's private page shows
 * them and orders them for pickup → the owner sees the staff view in the access log.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as schema from "@/db/schema";
import { createUser } from "@/lib/auth/users";
import { addDays, localDate } from "@/lib/shop/time";
import { ensureShop, openOrderingNow, signIn } from "./fixtures";

const PHONE = { width: 390, height: 844 };
const ADMIN = { width: 1440, height: 900 };
const run = Date.now().toString(36);
const STAFF = { email: `staff-${run}@dangol.test`, password: "staff-password-1", name: `직원${run.slice(-3)}` };
const CUSTOMER = { name: "한결", phone: `010-7${run.slice(-3).replace(/\D/g, "5").padStart(3, "5")}-4821` };

async function noSeriousAxe(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("owner builds a form, customer fills it, staff note and recommend, customer orders, owner sees the log", async ({ browser }) => {
  // Four people's journeys in one test, with axe on three pages: more than the default minute on a busy machine.
  test.setTimeout(150_000);
  const db = ensureShop();
  openOrderingNow(db);
  const product = db
    .insert(schema.products)
    .values({ name: `에티오피아 원두 ${run}`, price: 15_000, maxPerOrder: 10 })
    .returning()
    .get();
  const today = localDate(Date.now());
  for (let i = 0; i < 7; i++)
    db.insert(schema.dailyPlans)
      .values({ date: addDays(today, i), productId: product.id, planned: 20 })
      .onConflictDoNothing()
      .run();
  if (!db.select().from(schema.users).where(eq(schema.users.email, STAFF.email)).get()) createUser({ db, ...STAFF, role: "staff" });
  const slug = `taste-${run}`;

  // 1. The owner builds a template with a conditional question and previews it.
  const owner = await browser.newContext({ viewport: ADMIN });
  const ownerPage = await owner.newPage();
  await signIn(ownerPage);
  await ownerPage.goto("/admin/consultations/new");
  await ownerPage.getByLabel("제목").fill("커피 취향 카드 (테스트)");
  await ownerPage.getByLabel("주소").fill(slug);
  const questions = ownerPage.getByTestId("builder-question");
  await questions.nth(0).getByLabel("질문 문구").fill("좋아하는 바디감");
  await questions.nth(0).getByLabel("보기").fill("가벼운\n묵직한");
  await ownerPage.getByRole("button", { name: "질문 추가" }).click();
  await questions.nth(1).getByLabel("질문 문구").fill("우유를 넣어 드시나요?");
  await questions.nth(1).getByLabel("답 형식").selectOption("yesno");
  await questions.nth(1).getByLabel("꼭 답해야 해요").check();
  await ownerPage.getByRole("button", { name: "질문 추가" }).click();
  await questions.nth(2).getByLabel("질문 문구").fill("어떤 우유를 쓰세요?");
  await questions.nth(2).getByLabel("답 형식").selectOption("short");
  await questions.nth(2).getByLabel("꼭 답해야 해요").check();
  await questions.nth(2).getByLabel("이 질문을 보여 줄 때").selectOption({ label: "우유를 넣어 드시나요?" });
  await questions.nth(2).getByLabel("답이 이것일 때").selectOption("yes");
  const preview = ownerPage.getByTestId("builder-preview");
  await expect(preview.getByText("좋아하는 바디감")).toBeVisible();
  await expect(preview.getByText("어떤 우유를 쓰세요?")).toHaveCount(0);
  await preview.getByTestId("question-q2").getByText("예", { exact: true }).click();
  await expect(preview.getByText("어떤 우유를 쓰세요?")).toBeVisible();
  await ownerPage.screenshot({ path: "test-results/consult-builder.png", fullPage: true });
  await ownerPage.getByRole("button", { name: "저장", exact: true }).click();
  await expect(ownerPage.getByTestId("template-created")).toBeVisible();
  await expect(ownerPage.getByTestId("template-link")).toContainText(`/c/${slug}`);

  // 2. A customer fills it at phone width; mistakes are marked next to the question, nothing lost.
  const customer = await browser.newContext({ viewport: PHONE });
  const form = await customer.newPage();
  await form.goto(`/c/${slug}`);
  await expect(form.getByRole("heading", { name: "커피 취향 카드 (테스트)" })).toBeVisible();
  await noSeriousAxe(form);
  await form.getByLabel("이름").fill(CUSTOMER.name);
  await form.getByText("가벼운").click();
  await form.getByRole("button", { name: "상담표 보내기" }).click();
  await expect(form.getByTestId("consult-error")).toBeVisible();
  await expect(form.getByTestId("question-q2").getByTestId("field-error")).toHaveText("하나 골라 주세요.");
  await expect(form.getByLabel("이름")).toHaveValue(CUSTOMER.name);
  await expect(form.getByRole("radio", { name: "가벼운" })).toBeChecked();
  await form.getByLabel("휴대전화 번호").fill(CUSTOMER.phone);
  await form.getByTestId("question-q2").getByText("예", { exact: true }).click();
  await form.getByLabel(/어떤 우유를 쓰세요/).fill("귀리 우유");
  await form.getByLabel(/상담 정보 수집·이용에 동의해요/).check();
  await form.screenshot({ path: "test-results/consult-form-phone.png", fullPage: true });
  await form.getByRole("button", { name: "상담표 보내기" }).click();
  await expect(form.getByTestId("consult-success")).toBeVisible();
  const myLink = await form.getByRole("link", { name: "내 정보 열기" }).getAttribute("href");
  expect(myLink).toMatch(/^\/me\/[\w-]{20,}$/);
  const token = myLink!.split("/").pop()!;

  // Returning from the private link: the form is pre-filled, no phone asked.
  await form.goto(`/c/${slug}?t=${token}`);
  await expect(form.getByTestId("consult-prefilled")).toBeVisible();
  await expect(form.getByRole("radio", { name: "가벼운" })).toBeChecked();
  await expect(form.getByLabel(/어떤 우유를 쓰세요/)).toHaveValue("귀리 우유");
  await expect(form.getByLabel("휴대전화 번호")).toHaveCount(0);
  await form.getByText("묵직한").click();
  await form.getByLabel(/상담 정보 수집·이용에 동의해요/).check();
  await form.getByRole("button", { name: "이대로 확인" }).click();
  await expect(form.getByTestId("consult-success")).toBeVisible();

  // 3. Staff find her by phone digits, open the card, add a visit note and recommendations.
  const staff = await browser.newContext({ viewport: ADMIN });
  const staffPage = await staff.newPage();
  await signIn(staffPage, STAFF);
  await staffPage.goto(`/admin/customers?q=${CUSTOMER.phone.slice(-4)}`);
  await staffPage
    .getByTestId("customer-results")
    .getByRole("link", { name: new RegExp(CUSTOMER.name) })
    .click();
  await expect(staffPage.getByTestId("card-name")).toHaveText(CUSTOMER.name);
  await expect(staffPage.getByTestId("card-changes")).toContainText("가벼운 → 묵직한");
  // One access-log row per view: the page writes nothing, its view logger once.
  const staffViews = () =>
    db
      .select()
      .from(schema.cardAccessLogs)
      .innerJoin(schema.users, eq(schema.users.id, schema.cardAccessLogs.userId))
      .where(eq(schema.users.email, STAFF.email))
      .all().length;
  await expect.poll(staffViews).toBe(1);
  const visit = staffPage.getByTestId("visit-form");
  await visit.getByLabel("한 일").fill("시음 — 에티오피아, 케냐");
  await visit.getByLabel(/메모/).fill("산미 있는 원두를 좋아함. 귀리 우유 라떼.");
  await visit.getByRole("button", { name: "추천 상품 추가" }).click();
  await visit.getByLabel("추천 1 상품").selectOption({ label: product.name });
  await visit.getByLabel("추천 1 수량").fill("2");
  // Staff notes stay in the shop unless staff choose to share them.
  const share = visit.getByRole("checkbox", { name: /내 정보/ });
  await expect(share).not.toBeChecked();
  await share.check();
  await visit.getByRole("button", { name: "방문 기록 저장" }).click();
  await expect(visit.getByTestId("notice-success")).toBeVisible();
  await expect(staffPage.getByTestId("card-visits")).toContainText("시음 — 에티오피아, 케냐");
  await expect(staffPage.getByTestId("card-access-log")).toHaveCount(0); // staff do not see the log
  // The action re-rendered the card: still one view logged; opening it again is the second.
  await staffPage.waitForTimeout(500);
  expect(staffViews()).toBe(1);
  await staffPage.reload();
  await expect.poll(staffViews).toBe(2);
  await staffPage.screenshot({ path: "test-results/consult-card.png", fullPage: true });

  // 4. The private page shows the recommendation and orders it for pickup.
  const me = await customer.newPage();
  await me.goto(`/me/${token}`);
  await expect(me.getByTestId("me-recommendations")).toContainText(product.name);
  await expect(me.getByTestId("me-visits")).toContainText("시음 — 에티오피아, 케냐");
  // The re-submitted form keeps both submissions: an edit history, latest first.
  const submission = me.getByTestId("me-submission");
  await expect(submission).toHaveCount(1);
  await submission.locator("summary").click();
  const entries = submission.getByTestId("me-submission-entry");
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText("최신");
  await expect(entries.nth(0)).toContainText("가벼운 → 묵직한");
  await expect(entries.nth(1)).toContainText("처음 작성");
  // The download speaks ISO 8601 with the shop's offset.
  const download = await me.request.get(`/me/${token}/export`);
  const exported = await download.text();
  expect(exported).toMatch(/"submittedAt":"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00"/);
  expect(exported).not.toMatch(/":1\d{12}[,}]/);
  expect(JSON.parse(exported).submissions).toHaveLength(2);
  await noSeriousAxe(me);
  await me.screenshot({ path: "test-results/consult-me-phone.png", fullPage: true });
  await me.getByRole("link", { name: "픽업 주문하기" }).click();
  await expect(me).toHaveURL(new RegExp(`/\\?cart=${product.id}x2$`));

  // 5. The owner sees the staff view in the access log.
  await ownerPage.goto("/admin/customers/access-log");
  await expect(ownerPage.getByTestId("access-log")).toContainText(STAFF.name);
  await expect(ownerPage.getByTestId("access-log")).toContainText(CUSTOMER.name);
  expect(staffViews()).toBe(2);

  await owner.close();
  await staff.close();
  await customer.close();
});
