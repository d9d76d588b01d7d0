/**
 * Build the production bundle only when the sources changed since the last build: a hash of
 * every source file is kept next to the build. Shared by `npm start` and the e2e server.
 *
 * A restart (after a crash too) must answer quickly: when every source file still has the
 * size and modification time recorded at the last check, the contents are not read again.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { addCompileHints } from "./compile-hints";

const require = createRequire(import.meta.url);

const SOURCES = [
  "app",
  "components",
  "lib",
  "db",
  "i18n",
  "messages",
  "public",
  "instrumentation.ts",
  "next.config.ts",
  "scripts/compile-hints.ts",
  "proxy.ts",
  "package.json",
  "postcss.config.mjs",
  "tsconfig.json",
];

function listFiles(entry: string): string[] {
  if (!fs.existsSync(entry)) return [];
  const stat = fs.statSync(entry);
  if (stat.isFile()) return [entry];
  return fs
    .readdirSync(entry, { withFileTypes: true })
    .flatMap((d) => (d.name.startsWith(".") || d.name === "node_modules" ? [] : listFiles(path.join(entry, d.name))))
    .filter((f) => !/\.test\.tsx?$/.test(f));
}

function sourceFiles(root: string): string[] {
  return SOURCES.flatMap((s) => listFiles(path.join(root, s))).sort();
}

/** Path, size and modification time of every source file: cheap to compute, changes with any edit. */
function statSignature(files: string[], root: string): string {
  const hash = crypto.createHash("sha256");
  for (const file of files) {
    const s = fs.statSync(file);
    hash.update(`${path.relative(root, file)}\0${s.size}\0${s.mtimeMs}\n`);
  }
  return hash.digest("hex");
}

export function sourceHash(root = process.cwd()): string {
  const hash = crypto.createHash("sha256");
  for (const file of sourceFiles(root)) {
    hash.update(path.relative(root, file));
    hash.update(fs.readFileSync(file));
  }
  return hash.digest("hex");
}

/**
 * `next build` into distDir (extra arguments passed on), then the compile hints on its startup
 * chunks (scripts/compile-hints.ts). Exits the process when the build fails. `npm run build`
 * (scripts/build.ts) and `buildIfStale` both build this way.
 */
export function nextBuild({ distDir, args = [] }: { distDir: string; args?: string[] }): void {
  const result = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build", ...args], {
    stdio: "inherit",
    env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) {
    console.error("빌드에 실패했습니다.");
    process.exit(result.status ?? 1);
  }
  addCompileHints(distDir);
}

export function buildIfStale({ distDir = process.env.NEXT_DIST_DIR || ".next" }: { distDir?: string } = {}): void {
  const stampFile = path.join(distDir, "dangol-source-hash");
  const statFile = path.join(distDir, "dangol-source-stat");
  const root = process.cwd();
  const built = fs.existsSync(path.join(distDir, "BUILD_ID")) && fs.existsSync(stampFile) ? fs.readFileSync(stampFile, "utf8") : "";
  const signature = statSignature(sourceFiles(root), root);
  if (built && fs.existsSync(statFile) && fs.readFileSync(statFile, "utf8") === signature) return;
  const current = sourceHash(root);
  if (built === current) {
    fs.writeFileSync(statFile, signature);
    return;
  }
  console.log(built ? "소스가 바뀌어 다시 빌드합니다…" : "처음 실행: 빌드합니다…");
  nextBuild({ distDir });
  fs.writeFileSync(stampFile, current);
  fs.writeFileSync(statFile, signature);
}
