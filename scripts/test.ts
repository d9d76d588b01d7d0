/**
 * `npm test`: typecheck, lint and the format check first, side by side (any failing stops the run), unit + integration
 * (vitest), then end-to-end (Playwright on Debian's Chromium) and the bundle check on the
 * production build the end-to-end tests ran against; then one closing line
 * `N passed, N failed[, N skipped]` over every suite (typecheck, lint, format and the bundle check
 * count as one test each).
 */
import fs from "node:fs";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { runBundleCheck } from "./bundle-check";
import { findChromium } from "./ensure-chromium";

const only = process.argv[2]; // "unit" or "e2e" to run one suite (without typecheck and lint)
fs.mkdirSync("test-results", { recursive: true });

type Counts = { passed: number; failed: number; skipped: number };
const total: Counts = { passed: 0, failed: 0, skipped: 0 };

function run(bin: string, args: string[], env: Record<string, string> = {}): number {
  const r = spawnSync(process.execPath, [bin, ...args], { stdio: "inherit", env: { ...process.env, ...env } });
  return r.status ?? 1;
}

/** Run a Node script with its output (stdout and stderr) kept to print later. */
function runCaptured(bin: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (e) => resolve({ code: 1, output: `${output}${e.message}\n` }));
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

function finish(): never {
  console.log(`\n${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
  process.exit(total.failed > 0 ? 1 : 0);
}

if (!only) {
  // The three checks read files only: they run side by side (one core each), their output
  // printed in order once each is done.
  const checks = [
    ["typecheck", "node_modules/typescript/bin/tsc", ["--noEmit"]],
    ["lint", "node_modules/eslint/bin/eslint.js", ["."]],
    ["format", "node_modules/prettier/bin/prettier.cjs", ["--check", "--log-level", "warn", "."]],
  ] as const;
  const results = await Promise.all(checks.map(([, bin, args]) => runCaptured(bin, [...args])));
  let failed = false;
  checks.forEach(([name, bin, args], i) => {
    console.log(`\n${name}: ${[path.basename(bin), ...args].join(" ")}`);
    process.stdout.write(results[i].output);
    if (results[i].code === 0) total.passed += 1;
    else {
      total.failed += 1;
      failed = true;
      console.error(`\n${name} failed: the tests were not run.`);
    }
  });
  if (failed) finish();
}

if (only !== "e2e") {
  const out = "test-results/vitest.json";
  fs.rmSync(out, { force: true });
  const code = run("node_modules/vitest/vitest.mjs", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
  if (fs.existsSync(out)) {
    const r = JSON.parse(fs.readFileSync(out, "utf8"));
    total.passed += r.numPassedTests;
    // A file that failed without a failing test (it did not load) counts once; a failing test is not counted twice.
    const broken = (r.testResults ?? []).filter(
      (f: { status: string; assertionResults?: { status: string }[] }) =>
        f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed"),
    ).length;
    total.failed += r.numFailedTests + broken;
    total.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  } else if (code !== 0) total.failed += 1;
}

if (only !== "unit") {
  const chromium = findChromium();
  if (!chromium) {
    console.error("\nChromium이 없어 end-to-end 테스트를 돌릴 수 없어요. 설치: sudo apt-get install -y chromium");
    total.failed += 1;
  } else {
    const out = "test-results/e2e.json";
    fs.rmSync(out, { force: true });
    // After the typecheck above passed, the production build skips its own (next.config.ts).
    const typesChecked: Record<string, string> = only ? {} : { DANGOL_TYPES_CHECKED: "1" };
    const code = run("node_modules/@playwright/test/cli.js", ["test"], { CHROMIUM_PATH: chromium, ...typesChecked });
    if (fs.existsSync(out)) {
      const s = JSON.parse(fs.readFileSync(out, "utf8")).stats;
      total.passed += s.expected + (s.flaky ?? 0);
      total.failed += s.unexpected;
      total.skipped += s.skipped;
      if (code !== 0 && s.unexpected === 0) total.failed += 1; // the run itself broke (server, config)
    } else if (code !== 0) total.failed += 1;
    // The end-to-end server built (or reused) the production bundle: check it, never build again.
    if (runBundleCheck(process.env.NEXT_DIST_DIR || ".next")) total.passed += 1;
    else total.failed += 1;
  }
}

finish();
