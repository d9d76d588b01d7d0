/**
 * `npm run build`: `next build` (any arguments after `--` go to it), then the compile hints on
 * the startup chunks (scripts/compile-hints.ts), as `npm start` builds (scripts/build-if-stale.ts).
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { addCompileHints } from "./compile-hints";

const require = createRequire(import.meta.url);
const result = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build", ...process.argv.slice(2)], {
  stdio: "inherit",
});
if (result.status !== 0) process.exit(result.status ?? 1);
const distDir = process.env.NEXT_DIST_DIR || ".next";
console.log(`컴파일 힌트: ${distDir}의 시작 청크 ${addCompileHints(distDir)}개에 추가했어요.`);
