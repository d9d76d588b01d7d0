import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { ensureShop, signIn } from "./fixtures";

const catalogue = (ns: string) => JSON.parse(fs.readFileSync(`messages/ko/${ns}.json`, "utf8")) as Record<string, unknown>;

/** Every sentence of a catalogue, nested keys included. */
function sentences(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return value && typeof value === "object" ? Object.values(value).flatMap(sentences) : [];
}

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
  const shipped = ["common", "storefront", "admin", "auth", "rack", "consult", "metrics"]
    .flatMap((ns) => sentences(catalogue(ns)))
    .join("\n");
  // Sentences only the server catalogues have (not part of a client sentence, no placeholders).
  const serverOnly = ["errors", "actions"]
    .flatMap((ns) => sentences(catalogue(ns)))
    .filter((s) => !shipped.includes(s) && !s.includes("{") && s.length >= 8);
  expect(serverOnly.length).toBeGreaterThan(20);
  expect(html).toContain(String((catalogue("admin").common as Record<string, unknown>).working));
  expect(serverOnly.filter((s) => html.includes(s))).toEqual([]);
});
