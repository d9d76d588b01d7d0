/**
 * Sign-in hardening and web hardening against the real build: Auth.js's own credentials
 * endpoint is throttled, a copied session cookie dies with sign-out and deactivation, and
 * every page type loads under its CSP without a single violation.
 */
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import * as schema from "@/db/schema";
import { createTemplate } from "@/lib/consultations/templates";
import { createUser } from "@/lib/auth/users";
import { setStaffActive } from "@/lib/auth/staff";
import { addDays, localDate } from "@/lib/shop/time";
import { ensureShop, openOrderingNow, signIn } from "./fixtures";

const run = Date.now().toString(36);

function staffAccount(tag: string) {
  const db = ensureShop();
  const who = { email: `${tag}-${run}@dangol.test`, password: `${tag}-password-1`, name: `직원 ${tag}` };
  const user = createUser({ db, ...who, role: "staff" });
  return { ...who, id: user.id };
}

/** Straight to Auth.js, as a script would: CSRF token and cookie from /api/auth/csrf, then the form post. */
async function postCredentials(request: APIRequestContext, email: string, password: string) {
  const csrf = await request.get("/api/auth/csrf");
  const { csrfToken } = await csrf.json();
  const res = await request.post("/api/auth/callback/credentials", { form: { csrfToken, email, password }, maxRedirects: 0 });
  const cookies = res
    .headersArray()
    .filter((h) => h.name.toLowerCase() === "set-cookie")
    .map((h) => h.value);
  return {
    status: res.status(),
    location: res.headers()["location"] ?? "",
    signedIn: cookies.some((c) => /session-token=[^;]+/.test(c) && !/session-token=;/.test(c)),
  };
}

/**
 * Wrong guesses until the throttle has refused one and the guess after it was checked (and
 * failed): the next attempt then falls within that failure's back-off (at least 2 s), however
 * fast the server answers. A fixed number of guesses could end just as a back-off runs out.
 */
async function guessUntilThrottled(attacker: APIRequestContext, email: string) {
  let refused = false;
  for (let i = 0; i < 60; i++) {
    const r = await postCredentials(attacker, email, `wrong-guess-${i}`);
    expect(r.signedIn).toBe(false);
    const throttled = r.location.includes("code=throttled");
    if (refused && !throttled) return;
    refused ||= throttled;
  }
  throw new Error("no guess was refused, or none was checked after the first refusal");
}

test("Auth.js's own credentials endpoint is throttled: after wrong guesses the right password is refused", async ({
  playwright,
  baseURL,
}) => {
  const who = staffAccount("throttle");
  const request = await playwright.request.newContext({ baseURL });
  // The endpoint works at all: the right password signs in.
  expect((await postCredentials(request, who.email, who.password)).signedIn).toBe(true);

  const attacker = await playwright.request.newContext({ baseURL });
  await guessUntilThrottled(attacker, who.email);
  const right = await postCredentials(attacker, who.email, who.password);
  expect(right.signedIn).toBe(false);
  expect(right.location).toContain("code=throttled");

  await request.dispose();
  await attacker.dispose();
});

test("a known device still signs in while the account is under attack from elsewhere", async ({ page, playwright, baseURL }) => {
  const who = staffAccount("device");
  await signIn(page, who);
  await page.context().clearCookies({ name: /session-token/ });
  const attacker = await playwright.request.newContext({ baseURL });
  await guessUntilThrottled(attacker, who.email);
  expect((await postCredentials(attacker, who.email, who.password)).signedIn).toBe(false);
  await signIn(page, who);
  await page.goto("/admin/orders");
  await expect(page).toHaveURL(/\/admin\/orders/);
  await attacker.dispose();
});

test("a copied session cookie dies with sign-out; deactivate → reactivate does not revive it", async ({ browser }) => {
  const who = staffAccount("session");
  const mine = await browser.newContext();
  const page = await mine.newPage();
  await signIn(page, who);
  const copied = await mine.cookies();
  expect(copied.some((c) => c.name.includes("session-token"))).toBe(true);

  await page.goto("/admin/orders");
  await page.getByRole("button", { name: "로그아웃" }).click();
  await expect(page).toHaveURL(/\/login/);

  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const stolen = await thief.newPage();
  await stolen.goto("/admin/orders");
  await expect(stolen).toHaveURL(/\/login/);

  // Sign in again, deactivate and reactivate the account: the old cookie stays dead.
  await signIn(page, who);
  const second = await mine.cookies();
  const db = ensureShop();
  setStaffActive({ db, id: who.id, active: false });
  setStaffActive({ db, id: who.id, active: true });
  const again = await browser.newContext();
  await again.addCookies(second);
  const revived = await again.newPage();
  await revived.goto("/admin/orders");
  await expect(revived).toHaveURL(/\/login/);
  for (const c of [mine, thief, again]) await c.close();
});

/** Collects CSP violations (event and console) on a page. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(msg.text()))
      violations.push(`${page.url()}: ${msg.text()}`);
  });
  return violations;
}

/** A fresh browser context whose page records every CSP violation (event and console). */
async function cspWatchedPage(browser: Browser) {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const store: string[] = ((window as unknown as { __csp: string[] }).__csp = []);
    document.addEventListener("securitypolicyviolation", (e) => store.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  return { context, page, violations: watchCsp(page) };
}

async function visit(page: Page, path: string, violations: string[]) {
  const res = await page.goto(path);
  await page.waitForLoadState("networkidle").catch(() => undefined);
  const headers = res!.headers();
  expect(headers["content-security-policy"], path).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"], path).toBe("DENY");
  expect(headers["x-content-type-options"], path).toBe("nosniff");
  const seen = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  violations.push(...seen.map((v) => `${path}: ${v}`));
  // The page really ran its scripts (hydrated): Next's router is there.
  expect(await page.evaluate(() => typeof (window as unknown as { next?: unknown }).next), path).toBe("object");
  return headers;
}

test("the storefront's shared first page gives every visitor their own nonce and order key, and runs under it", async ({
  browser,
  request,
}) => {
  const db = ensureShop();
  openOrderingNow(db);
  const product = db
    .insert(schema.products)
    .values({ name: `공유 식빵 ${run}`, price: 3000, maxPerOrder: 5 })
    .returning()
    .get();
  // Planned today and tomorrow: "/" opens on the first date still taking orders, today until its last slot starts.
  const today = localDate(Date.now());
  db.insert(schema.dailyPlans)
    .values([today, addDays(today, 1)].map((date) => ({ date, productId: product.id, planned: 9 })))
    .onConflictDoNothing()
    .run();
  // Several visitors at once: one render is shared, each copy is their own.
  const loads = await Promise.all(Array.from({ length: 4 }, () => request.get("/")));
  const seen = loads.map((res) => ({ csp: res.headers()["content-security-policy"], body: "" }));
  for (const [i, res] of loads.entries()) seen[i].body = await res.text();
  const nonces = seen.map(({ csp }) => /'nonce-([^']+)'/.exec(csp)![1]);
  const keys = seen.map(({ body }) => /name="idempotency_key" value="([^"]+)"/.exec(body)![1]);
  expect(new Set(nonces).size).toBe(4);
  expect(new Set(keys).size).toBe(4);
  for (const [i, { body }] of seen.entries()) {
    expect(body).toContain(`공유 식빵 ${run}`);
    // Every nonce in the page is the response's own; no other visitor's appears.
    const inPage = new Set([...body.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]));
    expect([...inPage]).toEqual([nonces[i]]);
    for (const other of [...nonces, ...keys].filter((v) => v !== nonces[i] && v !== keys[i])) expect(body).not.toContain(other);
  }

  const { context, page, violations } = await cspWatchedPage(browser);
  await visit(page, "/", violations);
  // Hydrated under its own nonce: the cart answers a tap.
  await page.getByRole("button", { name: `공유 식빵 ${run} 담기` }).click();
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  expect(violations).toEqual([]);
  await context.close();
});

test("every page type loads under the CSP with no violation and the right referrer and camera policies", async ({ browser, request }) => {
  test.setTimeout(300_000);
  const db = ensureShop();
  openOrderingNow(db);
  const product = db
    .insert(schema.products)
    .values({ name: `보안 식빵 ${run}`, price: 4000, maxPerOrder: 10 })
    .returning()
    .get();
  const tomorrow = addDays(localDate(Date.now()), 1);
  db.insert(schema.dailyPlans).values({ date: tomorrow, productId: product.id, planned: 20 }).onConflictDoNothing().run();
  const placed = await request.post("/api/v1/storefront/orders", {
    data: {
      pickup_date: tomorrow,
      slot: "12:00-23:59",
      customer: { name: "보안 손님", phone: "010-3141-5926" },
      consent: { privacy: true },
      items: [{ product_id: product.id, quantity: 1 }],
    },
  });
  expect(placed.status()).toBe(201);
  const orderToken = (await placed.json()).order.token as string;
  const customer = db
    .select({ token: schema.customers.token })
    .from(schema.customers)
    .where(eq(schema.customers.phone, "01031415926"))
    .get()!;
  const template = createTemplate({
    db,
    input: { title: "보안 상담표", slug: `sec-${run}`, questions: [{ id: "q1", type: "short", label: "원하는 것", required: false }] },
  });

  const { context, page, violations } = await cspWatchedPage(browser);

  const customerPages = [
    "/",
    `/o/${orderToken}`,
    `/c/${template.slug}`,
    `/c/${template.slug}?t=${customer.token}`,
    `/me/${customer.token}`,
    "/inquiry",
    "/login",
    "/setup",
    "/no-such-page",
  ];
  for (const path of customerPages) {
    const headers = await visit(page, path, violations);
    const tokenInUrl = /^\/(o|me)\//.test(path) || path.includes("?t=");
    expect(headers["referrer-policy"], path).toBe(tokenInUrl ? "no-referrer" : "strict-origin-when-cross-origin");
    expect(headers["strict-transport-security"], path).toBeUndefined();
  }

  await signIn(page);
  const staffPages = [
    "/admin",
    "/admin/orders",
    "/admin/plan",
    "/admin/products",
    "/admin/customers",
    "/admin/consultations",
    `/admin/consultations/${template.id}`,
    "/admin/metrics",
    "/admin/settings",
    "/admin/import",
    "/rack",
    "/rack/labels",
    `/c/${template.slug}/qr`,
  ];
  for (const path of staffPages) {
    const headers = await visit(page, path, violations);
    expect(headers["permissions-policy"], path).toContain("camera=()");
  }
  const scan = await visit(page, "/rack/scan", violations);
  expect(scan["permissions-policy"]).toContain("camera=(self)");

  expect(violations).toEqual([]);
  await context.close();
});
