/**
 * The browser must never receive the database: after a production build, no client chunk
 * (`<distDir>/static/**.js`) may contain a table name of `db/schema.ts` that could not be
 * ordinary text (those with an underscore: `api_keys`, `order_events` …), a secret column
 * (`password_hash`, `key_hash` …) or the driver's name (`better-sqlite3`). It also reports each
 * public page's JavaScript (gzip) and fails when the consultation form's exceeds the
 * storefront's, and when a chunk a measured page loads at startup lacks its compile hint
 * (scripts/compile-hints.ts). `npm test` runs it on the build the end-to-end tests used;
 * `tsx scripts/bundle-check.ts [distDir]` runs it alone.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { is } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import * as schema from "../db/schema";
import { hasCompileHint, pageStartupChunks } from "./compile-hints";

/** Words that betray a server module in a client chunk, derived from the schema. */
export function forbiddenWords(): string[] {
  const words = new Set(["better-sqlite3"]);
  for (const value of Object.values(schema)) {
    if (!is(value, SQLiteTable)) continue;
    const table = getTableConfig(value);
    if (table.name.includes("_")) words.add(table.name);
    for (const column of table.columns) if (/_(hash|secret)$/.test(column.name)) words.add(column.name);
  }
  return [...words].sort();
}

function jsFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? jsFiles(full) : d.name.endsWith(".js") ? [full] : [];
  });
}

export type Leak = { chunk: string; word: string };

/** Every (chunk, word) pair where a client chunk contains a forbidden word. */
export function findLeaks(distDir: string, words = forbiddenWords()): Leak[] {
  const leaks: Leak[] = [];
  for (const file of jsFiles(path.join(distDir, "static"))) {
    const text = fs.readFileSync(file, "utf8");
    for (const word of words) if (text.includes(word)) leaks.push({ chunk: path.relative(distDir, file), word });
  }
  return leaks;
}

/**
 * The most JavaScript (KiB after gzip) a customer page may load: what it loaded when the
 * storefront was last trimmed for Lighthouse (React and Next's runtime are ~129 KiB of it),
 * plus a little room. Lower them when a page gets lighter; raise them only on purpose.
 */
export const PAGE_BUDGETS_KIB: Record<string, number> = { "/": 157, "/o/<token>": 156, "/c/<slug>": 155 };

/** The pages measured: route → the app directory its client manifest lives in. */
export const MEASURED_PAGES: Record<string, string> = {
  "/": "(storefront)",
  "/o/<token>": "(storefront)/o/[token]",
  "/c/<slug>": "(storefront)/c/[slug]",
  "/rack": "(staff)/rack",
};

/**
 * The JavaScript a page loads, in bytes after gzip: its startup chunks (`pageStartupChunks`: the
 * framework's root chunks plus every chunk its layouts, boundaries and page name in the build's
 * client-reference manifest).
 */
function gzipBytes(distDir: string, chunks: string[]): number {
  let total = 0;
  for (const f of chunks) total += zlib.gzipSync(fs.readFileSync(path.join(distDir, f)), { level: 9 }).length;
  return total;
}

export type BundleReport = { leaks: Leak[]; sizes: Record<string, number>; problems: string[] };

export function checkBundles(distDir: string): BundleReport {
  const problems: string[] = [];
  if (!fs.existsSync(path.join(distDir, "build-manifest.json")))
    return { leaks: [], sizes: {}, problems: [`no production build in ${distDir}`] };
  const leaks = findLeaks(distDir);
  for (const l of leaks) problems.push(`${l.chunk} contains "${l.word}"`);
  const sizes: Record<string, number> = {};
  for (const [route, dir] of Object.entries(MEASURED_PAGES)) {
    const chunks = pageStartupChunks(distDir, dir);
    sizes[route] = gzipBytes(distDir, chunks);
    for (const chunk of chunks)
      if (!hasCompileHint(distDir, chunk))
        problems.push(`${chunk}, loaded at startup by ${route}, lacks the compile hint (scripts/compile-hints.ts)`);
  }
  for (const [route, budget] of Object.entries(PAGE_BUDGETS_KIB))
    if (sizes[route] > budget * 1024)
      problems.push(`${route} loads ${kib(sizes[route])} KiB of JavaScript, over its budget of ${budget} KiB`);
  if (sizes["/c/<slug>"] > sizes["/"])
    problems.push(`/c/<slug> loads ${kib(sizes["/c/<slug>"])} KiB of JavaScript, more than the storefront's ${kib(sizes["/"])} KiB`);
  return { leaks, sizes, problems };
}

export const kib = (bytes: number) => (bytes / 1024).toFixed(1);

/** Prints the report; true when the bundles pass. */
export function runBundleCheck(distDir: string): boolean {
  const report = checkBundles(distDir);
  console.log(`\nBundle check (${distDir}): JavaScript per page, gzip`);
  for (const [route, bytes] of Object.entries(report.sizes)) console.log(`  ${route.padEnd(10)} ${kib(bytes)} KiB`);
  for (const p of report.problems) console.error(`  ✗ ${p}`);
  if (report.problems.length === 0) console.log("  ✓ no schema names or database driver in any client chunk");
  return report.problems.length === 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(runBundleCheck(process.argv[2] || process.env.NEXT_DIST_DIR || ".next") ? 0 : 1);
}
