import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkBundles, findLeaks, forbiddenWords, PAGE_BUDGETS_KIB } from "./bundle-check";
import { addCompileHints, COMPILE_HINT, startupChunks } from "./compile-hints";

let dir: string | null = null;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

const PAGES: Record<string, string[]> = {
  "(storefront)": ["store.js"],
  "(storefront)/o/[token]": ["order.js"],
  "(storefront)/c/[slug]": ["consult.js"],
  "(staff)/rack": ["rack.js"],
};

/** The root chunk and one small chunk for each page of PAGES (the consultation form's smallest, as the check requires). */
const CHUNKS = { "main.js": "main()", "store.js": "store()", "order.js": "order()", "consult.js": "form()", "rack.js": "rack()" };

/**
 * A build folder with the manifests the check reads and the client chunks (CHUNKS, with
 * `chunks` replacing or adding some), hinted as a build leaves them.
 */
function fakeBuild(chunks: Record<string, string> = {}, { pages = PAGES, hints = true } = {}): string {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dangol-bundle-"));
  fs.mkdirSync(path.join(dir, "static/chunks"), { recursive: true });
  for (const [name, text] of Object.entries({ ...CHUNKS, ...chunks })) fs.writeFileSync(path.join(dir, "static/chunks", name), text);
  fs.writeFileSync(path.join(dir, "build-manifest.json"), JSON.stringify({ rootMainFiles: ["static/chunks/main.js"] }));
  for (const [appDir, files] of Object.entries(pages)) {
    fs.mkdirSync(path.join(dir, "server/app", appDir), { recursive: true });
    const manifest = { entryJSFiles: { [`[project]/app/${appDir}/page`]: files.map((f) => `static/chunks/${f}`) } };
    fs.writeFileSync(
      path.join(dir, "server/app", appDir, "page_client-reference-manifest.js"),
      `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST["x"] = ${JSON.stringify(manifest)};`,
    );
  }
  if (hints) addCompileHints(dir);
  return dir;
}

const chunk = (build: string, name: string) => fs.readFileSync(path.join(build, "static/chunks", name), "utf8");

describe("bundle check", () => {
  it("derives the forbidden words from the schema: tables with an underscore, secret columns, the driver", () => {
    const words = forbiddenWords();
    expect(words).toEqual(expect.arrayContaining(["api_keys", "order_events", "password_hash", "key_hash", "better-sqlite3"]));
    // Plain words a page may well say are not on the list.
    expect(words).not.toContain("orders");
    expect(words).not.toContain("products");
  });

  it("fails on a client chunk carrying a column name or the driver, naming the chunk", () => {
    const build = fakeBuild({ "rack.js": 'const t={passwordHash:"password_hash"};require("better-sqlite3")' });
    expect(findLeaks(build)).toEqual([
      { chunk: "static/chunks/rack.js", word: "better-sqlite3" },
      { chunk: "static/chunks/rack.js", word: "password_hash" },
    ]);
    expect(checkBundles(build).problems).toEqual([
      'static/chunks/rack.js contains "better-sqlite3"',
      'static/chunks/rack.js contains "password_hash"',
    ]);
  });

  it("passes clean chunks and fails when the consultation form loads more script than the storefront", () => {
    const random = (n: number) => Array.from({ length: n }, (_, i) => ((i * 7919) % 251).toString(36)).join("");
    const clean = fakeBuild({ "store.js": random(4000) });
    const ok = checkBundles(clean);
    expect(ok.problems).toEqual([]);
    expect(ok.sizes["/c/<slug>"]).toBeLessThan(ok.sizes["/"]);
    fs.writeFileSync(path.join(clean, "static/chunks/consult.js"), COMPILE_HINT + random(4000) + random(4000).split("").reverse().join(""));
    expect(checkBundles(clean).problems).toEqual([
      expect.stringMatching(/^\/c\/<slug> loads .* KiB of JavaScript, more than the storefront's/),
    ]);
  });

  it("fails when a customer page loads more than its budget", () => {
    const noise = (n: number, seed: number) => Array.from({ length: n }, (_, i) => ((i * seed) % 9973).toString(36)).join(" ");
    const heavy = fakeBuild({ "main.js": noise(120_000, 7919) });
    const report = checkBundles(heavy);
    expect(report.sizes["/"]).toBeGreaterThan(PAGE_BUDGETS_KIB["/"] * 1024);
    expect(report.problems).toEqual([
      expect.stringMatching(/^\/ loads .* KiB of JavaScript, over its budget of 157 KiB$/),
      expect.stringMatching(/^\/o\/<token> loads .* KiB of JavaScript, over its budget of 156 KiB$/),
      expect.stringMatching(/^\/c\/<slug> loads .* KiB of JavaScript, over its budget of 155 KiB$/),
    ]);
  });

  it("hints every chunk a page or route loads at startup, once, and leaves lazily loaded chunks alone", () => {
    const build = fakeBuild({ "og.js": "og()", "lazy.js": "sheet()" }, { pages: { ...PAGES, "(storefront)/og-image": [] }, hints: false });
    // A route handler's manifest (the share image) names its chunks in a file of its own.
    fs.writeFileSync(
      path.join(build, "server/app/(storefront)/og-image/route_client-reference-manifest.js"),
      `globalThis.__RSC_MANIFEST = {"y": ${JSON.stringify({ entryJSFiles: { og: ["static/chunks/og.js"] } })}};`,
    );
    expect(startupChunks(build)).toEqual(
      ["consult.js", "main.js", "og.js", "order.js", "rack.js", "store.js"].map((f) => `static/chunks/${f}`),
    );
    expect(addCompileHints(build)).toBe(6);
    expect(chunk(build, "main.js")).toBe("//# allFunctionsCalledOnLoad\nmain()");
    expect(chunk(build, "store.js")).toBe("//# allFunctionsCalledOnLoad\nstore()");
    expect(chunk(build, "og.js")).toBe("//# allFunctionsCalledOnLoad\nog()");
    expect(chunk(build, "lazy.js")).toBe("sheet()");
    // Run again (a second `npm run build` step, a restart): nothing doubles.
    expect(addCompileHints(build)).toBe(0);
    expect(chunk(build, "main.js")).toBe("//# allFunctionsCalledOnLoad\nmain()");
  });

  it("fails when a chunk a customer page loads at startup lacks the compile hint", () => {
    const build = fakeBuild();
    // A chunk no page loads at startup (a React.lazy sheet) rightly has none.
    fs.writeFileSync(path.join(build, "static/chunks/lazy.js"), "sheet()");
    expect(checkBundles(build).problems).toEqual([]);
    fs.writeFileSync(path.join(build, "static/chunks/order.js"), "order()");
    expect(checkBundles(build).problems).toEqual([
      "static/chunks/order.js, loaded at startup by /o/<token>, lacks the compile hint (scripts/compile-hints.ts)",
    ]);
  });

  it("fails when there is no build to check", () => {
    expect(checkBundles(path.join(os.tmpdir(), "no-such-build")).problems).toEqual([expect.stringMatching(/^no production build/)]);
  });
});
