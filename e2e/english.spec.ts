import { expect, test, type Page } from "@playwright/test";
import * as schema from "@/db/schema";
import type { Db } from "@/db/client";
import { seedConsultationTemplates } from "@/lib/consultations/demo-templates";
import { createInquiry } from "@/lib/inquiries/inquiries";
import { orderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";
import { addDays, localDate } from "@/lib/shop/time";
import { ensureShop, openOrderingNow, signIn } from "./fixtures";

/**
 * The English UI shows no Korean outside what the shop itself wrote (product and option
 * names, the shop's name, consultation questions, consent texts, customers' words). Every
 * main page is opened with the `locale=en` cookie; the page's text minus the shop's own
 * strings (and elements marked `data-shop-content`) must hold no Hangul.
 */
test.describe.configure({ mode: "serial" });

const HANGUL = /[\uAC00-\uD7A3\u3131-\u318E]/;
const today = localDate(Date.now());
const tomorrow = addDays(today, 1);

let db: Db;
let orderToken = "";
let orderId = 0;
let customerToken = "";
let productId = 0;
let customerId = 0;

/** Every string the shop wrote: what may stay Korean in the English UI. */
function shopStrings(): string[] {
  const out: string[] = [];
  const add = (...v: (string | null | undefined)[]) => out.push(...v.filter((s): s is string => !!s && HANGUL.test(s)));
  for (const s of db.select().from(schema.shopSettings).all()) add(s.name, s.address, s.openingHours);
  for (const u of db.select().from(schema.users).all()) add(u.name);
  for (const p of db.select().from(schema.products).all()) add(p.name, p.description, p.category);
  for (const g of db.select().from(schema.productOptionGroups).all()) add(g.name);
  for (const c of db.select().from(schema.productOptionChoices).all()) add(c.name);
  for (const c of db.select().from(schema.consentTexts).all()) add(c.body);
  for (const c of db.select().from(schema.customers).all()) add(c.name);
  for (const o of db.select().from(schema.orders).all()) add(o.note, o.cancelReason, o.customerName);
  for (const i of db.select().from(schema.inquiries).all()) add(i.message);
  for (const t of db.select().from(schema.consultationTemplates).all()) add(t.title, t.description);
  for (const v of db.select().from(schema.consultationTemplateVersions).all()) {
    for (const q of v.questions as { label?: string; help?: string; choices?: string[] }[]) add(q.label, q.help, ...(q.choices ?? []));
  }
  for (const d of db.select().from(schema.closedDates).all()) add(d.reason);
  // A language switcher names each language in itself.
  out.push("한국어");
  // Longest first, so a name is removed before a shorter name inside it.
  return [...new Set(out)].sort((a, b) => b.length - a.length);
}

async function expectNoKorean(page: Page, path: string) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBeLessThan(400);
  // Live pages keep an event stream open, so "network idle" never comes: wait for hydration instead.
  await page.waitForLoadState("load");
  await page.waitForTimeout(300);
  const { text, title } = await page.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    body.querySelectorAll("[data-shop-content], script, style, noscript").forEach((el) => el.remove());
    const inputs = [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("input[placeholder], textarea[placeholder]")].map(
      (i) => i.placeholder,
    );
    const labels = [...document.querySelectorAll("[aria-label], [title]")].map(
      (el) => `${el.getAttribute("aria-label") ?? ""} ${el.getAttribute("title") ?? ""}`,
    );
    return { text: [body.innerText, ...inputs, ...labels].join("\n"), title: document.title };
  });
  let rest = `${title}\n${text}`;
  // Longest first, so a name inside a longer one does not leave half of it behind.
  for (const s of shopStrings().sort((x, y) => y.length - x.length)) rest = rest.split(s).join("");
  const korean = rest.split("\n").filter((line) => HANGUL.test(line));
  expect(korean, `Korean on ${path}`).toEqual([]);
}

test.beforeAll(() => {
  db = ensureShop();
  openOrderingNow(db);
  seedConsultationTemplates({ db });
  const product = db
    .insert(schema.products)
    .values({ name: "영어테스트 식빵", price: 4500, maxPerOrder: 5, sortOrder: -2 })
    .returning()
    .get();
  productId = product.id;
  for (const date of [today, tomorrow]) {
    db.insert(schema.dailyPlans)
      .values({ date, productId, planned: 20 })
      .onConflictDoUpdate({ target: [schema.dailyPlans.date, schema.dailyPlans.productId], set: { planned: 20 } })
      .run();
  }
  const { order } = placeOrder({
    db,
    channel: "phone", // staff may book today's slot after the storefront cut-off
    input: orderInput.parse({
      pickup_date: today,
      slot: "12:00-23:59",
      customer: { name: "영어손님", phone: "010-7777-1212" },
      consent: { privacy: true },
      items: [{ product_id: productId, quantity: 2 }],
    }),
  });
  orderToken = order.token;
  orderId = order.id;
  customerId = order.customerId!;
  customerToken = db
    .select()
    .from(schema.customers)
    .all()
    .find((c) => c.id === customerId)!.token;
  createInquiry({ db, input: { token: customerToken, message: "영어 화면 문의예요" } });
});

test("the customer's pages speak English", async ({ page, context }) => {
  await context.addCookies([{ name: "locale", value: "en", domain: "127.0.0.1", path: "/" }]);
  for (const path of ["/", `/o/${orderToken}`, "/c/bread-taste", `/me/${customerToken}`, "/inquiry", "/login"])
    await expectNoKorean(page, path);
});

test("the owner's and the rack's pages speak English", async ({ page, context }) => {
  test.setTimeout(300_000);
  await signIn(page);
  await context.addCookies([{ name: "locale", value: "en", domain: "127.0.0.1", path: "/" }]);
  const admin = [
    "/admin",
    "/admin/orders",
    `/admin/orders/${orderId}`,
    "/admin/orders/new",
    "/admin/plan",
    "/admin/products",
    `/admin/products/${productId}`,
    "/admin/stock",
    "/admin/counter",
    "/admin/customers",
    `/admin/customers/${customerId}`,
    "/admin/consultations",
    "/admin/inquiries",
    "/admin/reviews",
    "/admin/review",
    "/admin/metrics",
    "/admin/import",
    "/admin/pickup",
    "/admin/settings",
  ];
  for (const path of [...admin, "/rack", `/rack/orders/${orderId}`, "/rack/labels"]) await expectNoKorean(page, path);
});

test("a refused form answers in English", async ({ page, context }) => {
  await context.addCookies([{ name: "locale", value: "en", domain: "127.0.0.1", path: "/" }]);
  await page.goto("/inquiry");
  await page.getByRole("button", { name: /send|submit/i }).click();
  await expect(page.getByText(/Please check the marked fields|Write your question/).first()).toBeVisible();
});
