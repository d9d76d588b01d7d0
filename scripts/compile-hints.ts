/**
 * After `next build`: every client chunk a page loads at startup starts with V8's explicit
 * compile hint, `//# allFunctionsCalledOnLoad` (Chrome 136+). Without it V8 compiles each
 * function lazily, on the main thread, the first time it runs: Turbopack's module factories,
 * React DOM and Next's router all run while the page hydrates, so a phone paid for their
 * compilation in the long task that starts hydration. With the hint they are compiled eagerly
 * on a background thread while the script streams in. Chunks loaded later (`React.lazy`,
 * `import()`) keep lazy compilation: most of their code may never run.
 *
 * `npm start`, the e2e server and the bench add the hints when they build (build-if-stale.ts);
 * `npm run build` runs this file after `next build`; `tsx scripts/compile-hints.ts [distDir]`
 * runs it alone. Adding them twice changes nothing.
 */
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath } from "node:url";

export const COMPILE_HINT = "//# allFunctionsCalledOnLoad\n";

type ClientManifest = { entryJSFiles?: Record<string, string[]> };

/** The chunks every page loads first: Turbopack's runtime, React DOM, Next's client. */
function rootChunks(distDir: string): string[] {
  const build = JSON.parse(fs.readFileSync(path.join(distDir, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  return build.rootMainFiles;
}

/** The chunks a client-reference manifest names for its route's layouts, boundaries and page. */
function manifestChunks(file: string): string[] {
  const sandbox = { globalThis: {} as { __RSC_MANIFEST?: Record<string, ClientManifest> } };
  vm.runInNewContext(fs.readFileSync(file, "utf8"), sandbox);
  return Object.values(sandbox.globalThis.__RSC_MANIFEST ?? {}).flatMap((m) => Object.values(m.entryJSFiles ?? {}).flat());
}

/** Every chunk (path inside distDir) one page loads at startup; appDir as in `(storefront)/o/[token]`. */
export function pageStartupChunks(distDir: string, appDir: string): string[] {
  const manifest = path.join(distDir, "server/app", appDir, "page_client-reference-manifest.js");
  return [...new Set([...rootChunks(distDir), ...manifestChunks(manifest)])];
}

function clientManifests(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? clientManifests(full) : d.name.endsWith("_client-reference-manifest.js") ? [full] : [];
  });
}

/** Every chunk some page or route loads at startup. */
export function startupChunks(distDir: string): string[] {
  const files = new Set(rootChunks(distDir));
  for (const manifest of clientManifests(path.join(distDir, "server/app"))) for (const f of manifestChunks(manifest)) files.add(f);
  return [...files].sort();
}

export function hasCompileHint(distDir: string, chunk: string): boolean {
  const fd = fs.openSync(path.join(distDir, chunk), "r");
  try {
    const head = Buffer.alloc(COMPILE_HINT.length);
    fs.readSync(fd, head, 0, head.length, 0);
    return head.toString("utf8") === COMPILE_HINT;
  } finally {
    fs.closeSync(fd);
  }
}

/** Puts the hint at the top of every startup chunk that lacks it; returns how many it changed. */
export function addCompileHints(distDir: string): number {
  let changed = 0;
  for (const chunk of startupChunks(distDir)) {
    if (!chunk.endsWith(".js") || hasCompileHint(distDir, chunk)) continue;
    const file = path.join(distDir, chunk);
    fs.writeFileSync(file, COMPILE_HINT + fs.readFileSync(file, "utf8"));
    changed++;
  }
  return changed;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const distDir = process.argv[2] || process.env.NEXT_DIST_DIR || ".next";
  console.log(`컴파일 힌트: ${distDir}의 시작 청크 ${addCompileHints(distDir)}개에 추가했어요.`);
}
