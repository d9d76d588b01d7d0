/**
 * Shared end-to-end helpers. Each server under test (scripts/e2e-server.ts, one per project in
 * playwright.config.ts) writes its throwaway database path to test-results/e2e-db-<port>; specs
 * open the file of their project's server to set up data and to check rows.
 */
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import * as schema from "@/db/schema";
import type { Db } from "@/db/client";
import { createShop } from "@/lib/setup/create-shop";
import { isSetUp } from "@/lib/shop/settings";

/** The port of the server this test's project runs against (a worker serves one project). */
export function e2ePort(): number {
  return Number(new URL(test.info().project.use.baseURL!).port);
}
export const OWNER = { email: "owner@dangol.test", password: "owner-password-1", shopName: "동네빵집" };

let cached: Db | null = null;
export function e2eDb(): Db {
  if (cached) return cached;
  const file = fs.readFileSync(`test-results/e2e-db-${e2ePort()}`, "utf8").trim();
  const client = new Database(file);
  client.pragma("busy_timeout = 5000");
  client.pragma("foreign_keys = ON");
  cached = drizzle(client, { schema }) as Db;
  return cached;
}

/** The shop exists (created through the first-run page by 00-setup.spec.ts, or here when a spec runs alone). */
export function ensureShop(): Db {
  const db = e2eDb();
  if (!isSetUp({ db })) createShop({ db, input: { shopName: OWNER.shopName, email: OWNER.email, password: OWNER.password } });
  return db;
}

/** Pickup rules under which ordering is open now for today and the coming days, whatever the clock says. */
export function openOrderingNow(db: Db): void {
  db.update(schema.shopSettings)
    .set({ opensDaysBefore: 14, cutoffMode: "hours_before_slot", cutoffHoursBefore: 0, closedWeekdays: [] })
    .run();
  db.delete(schema.pickupSlots).run();
  const rows = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    rows.push({ weekday, startTime: "00:00", endTime: "11:59", capacity: 50 });
    rows.push({ weekday, startTime: "12:00", endTime: "23:59", capacity: 50 });
  }
  db.insert(schema.pickupSlots).values(rows).run();
}

export async function signIn(page: Page, who: { email: string; password: string } = OWNER): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("이메일").fill(who.email);
  await page.getByLabel("비밀번호").fill(who.password);
  await page.getByRole("button", { name: "로그인" }).click();
  await expect(page).toHaveURL(/\/admin/);
}

/** No serious or critical axe violation on the page as it is now. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/**
 * Open `url` until `check` passes (each try given half a second). The storefront's first page
 * is shared for up to a second (lib/storefront/html-cache.ts), so rows a spec has just written
 * straight to the database can take that long to show there.
 */
export async function gotoUntil(page: Page, url: string, check: () => Promise<unknown>): Promise<void> {
  await expect(async () => {
    await page.goto(url);
    await check();
  }).toPass({ timeout: 10_000 });
}
