import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { ensureShop, signIn } from "./fixtures";

const catalogue = (ns: string) => JSON.parse(fs.readFileSync(`messages/ko/${ns}.json`, "utf8")) as Record<string, unknown>;

test.beforeAll(() => {
  ensureShop();
});

/**
 * The admin's client components get the namespaces they read; the server's error and
 * action sentences (worded on the server, never needed in the browser) stay out of the page.
 */
test("an admin page ships its own words to the browser, not the errors and actions catalogues", async ({ page }) => {
  await signIn(page);
  const html = await (await page.request.get("/admin/plan")).text();
  const errors = catalogue("errors");
  const actions = catalogue("actions");
  expect(html).toContain(String((catalogue("admin").common as Record<string, unknown>).working ?? ""));
  expect(html).not.toContain(String(errors.invalid_api_key));
  expect(html).not.toContain(String(errors.unsupported_media_type));
  expect(html).not.toContain(String(actions.weeklyNoteSaved));
  expect(html).not.toContain(String(actions.inquirySent));
});
