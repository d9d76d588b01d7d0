/**
 * After `next build`: every client chunk a page loads at startup starts with V8's explicit
 * compile hint, `//# allFunctionsCalledOnLoad` (Chrome 136+). Without it V8 compiles each
 * function lazily, on the main thread, the first time it runs: Turbopack's module factories,
 * React DOM and Next's router all run while the page hydrates, so a phone paid for their
 * compilation in the long task that starts hydration. With the hint they are compiled eagerly
 * on a background thread while the script streams in. Chunks loaded later (`React.lazy`,
 * `import()`) keep lazy compilation: most of their code may never run.
 *
 * `npm start`, the e2e server and the bench add the hints when they build (build-if-stale.ts),
 * `npm run build` after `next build` (scripts/build.ts); `tsx scripts/compile-hints.ts [distDir]`
 * adds them to a build made by `next build` alone. Adding them twice changes nothing.
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

const scriptsOnly = (chunks: Iterable<string>) => [...new Set(chunks)].filter((c) => c.endsWith(".js"));

/** Every chunk (path inside distDir) one page loads at startup; appDir as in `(storefront)/o/[token]`. */
export function pageStartupChunks(distDir: string, appDir: string): string[] {
  const manifest = path.join(distDir, "server/app", appDir, "page_client-reference-manifest.js");
  return scriptsOnly([...rootChunks(distDir), ...manifestChunks(manifest)]);
}

/** Every chunk some page or route loads at startup. */
export function startupChunks(distDir: string): string[] {
  const app = path.join(distDir, "server/app");
  const manifests = fs.existsSync(app)
    ? fs
        .readdirSync(app, { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith("_client-reference-manifest.js"))
        .map((f) => path.join(app, f))
    : [];
  return scriptsOnly([...rootChunks(distDir), ...manifests.flatMap(manifestChunks)]).sort();
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

/**
 * Puts the hint at the top of every startup chunk that lacks it; returns how many it changed.
 * The bytes after it are kept as they were, and each file is replaced whole (written beside it,
 * then renamed), so a stop half-way never leaves a cut chunk to serve.
 */
export function addCompileHints(distDir: string): number {
  let changed = 0;
  for (const chunk of startupChunks(distDir)) {
    if (hasCompileHint(distDir, chunk)) continue;
    const file = path.join(distDir, chunk);
    const next = `${file}.hinted`;
    fs.writeFileSync(next, Buffer.concat([Buffer.from(COMPILE_HINT), fs.readFileSync(file)]));
    fs.renameSync(next, file);
    changed++;
  }
  return changed;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const distDir = process.argv[2] || process.env.NEXT_DIST_DIR || ".next";
  console.log(`컴파일 힌트: ${distDir}의 시작 청크 ${addCompileHints(distDir)}개에 추가했어요.`);
}
