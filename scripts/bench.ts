/**
 * `npm run bench` (not a test): the production build, a throwaway database with the demo
 * bakery, one owner API key, `next start` on 127.0.0.1:3204 — then every module in
 * scripts/bench/registry.ts. Prints a table and writes bench/results.json. Figures are
 * ratios against a baseline measured by the same server in the same run, because the
 * absolute numbers depend on the machine.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { BENCH_MODULES } from "./bench/registry";
import { nextStartArgs } from "./server-flags";
import type { BenchContext, BenchRow } from "./bench/types";

const PORT = Number(process.env.BENCH_PORT) || 3204;
const HOST = "127.0.0.1";
const DIST_DIR = ".next-bench";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dangol-bench-"));
const dbPath = path.join(dir, "bench.db");
// Before any db module is imported: getDb() and the server both read it.
process.env.DATABASE_PATH = dbPath;
process.env.AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";

async function prepareDatabase(): Promise<string> {
  const { getDb, closeDb } = await import("@/db/client");
  const { runMigrations } = await import("@/db/migrate");
  const { shopSettings } = await import("@/db/schema");
  const { seedDemo } = await import("@/db/seed-demo");
  const { createApiKey } = await import("@/lib/auth/api-keys");
  const { createShop } = await import("@/lib/setup/create-shop");
  const db = getDb();
  runMigrations(db);
  createShop({ db, input: { shopName: "단골 베이커리 (벤치)", email: "bench@dangol.local", password: "bench-password-1" } });
  const seeded = seedDemo({ db });
  // Ordering open for the whole week ahead, so the storefront lists real dates and products
  // and orders can be placed whatever the hour the bench runs.
  db.update(shopSettings).set({ opensDaysBefore: 14, cutoffMode: "hours_before_slot", cutoffHoursBefore: 0, closedWeekdays: [] }).run();
  const { key } = createApiKey({ db, name: "bench", scope: "owner" });
  console.log(`데모 데이터: 상품 ${seeded.products}개, 주문 ${seeded.orders}건 (${dbPath})`);
  closeDb();
  return key;
}

async function waitForServer(baseUrl: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`서버가 바로 멈췄어요 (exit ${child.exitCode}).`);
    try {
      if ((await fetch(`${baseUrl}/api/v1/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error("서버가 제시간에 뜨지 않았어요.");
}

function printTable(rows: (BenchRow & { module: string })[]): void {
  const cells = rows.map((r) => [
    r.name,
    r.metric,
    String(r.value),
    r.baseline ? `${r.baseline.value} (${r.baseline.name})` : "",
    r.ratio === undefined ? "" : `×${r.ratio}`,
  ]);
  const header = ["measure", "metric", "value", "baseline", "ratio"];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i])).join("  ");
  console.log("\n" + line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const c of cells) console.log(line(c));
  const notes = rows.filter((r) => r.note);
  if (notes.length) {
    console.log("");
    for (const r of notes) console.log(`· ${r.name} [${r.metric}]: ${r.note}`);
  }
}

async function main(): Promise<number> {
  const { buildIfStale } = await import("./build-if-stale");
  buildIfStale({ distDir: DIST_DIR });
  const apiKey = await prepareDatabase();

  const baseUrl = `http://${HOST}:${PORT}`;
  const server = spawn(process.execPath, nextStartArgs({ port: String(PORT), host: HOST }), {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: DIST_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
      RATE_LIMIT_ORDERS_PER_MINUTE: "0",
    },
  });
  const stop = () => {
    if (server.exitCode === null) server.kill("SIGTERM");
  };
  process.on("exit", stop);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(130));

  const rows: (BenchRow & { module: string })[] = [];
  let failures = 0;
  try {
    await waitForServer(baseUrl, server);
    const ctx: BenchContext = { baseUrl, dbPath, apiKey };
    // `npm run bench -- storefront rack-live` runs only the named modules.
    const only = process.argv.slice(2).filter((a) => !a.startsWith("-"));
    for (const mod of BENCH_MODULES.filter((m) => only.length === 0 || only.includes(m.name))) {
      console.log(`… ${mod.name}`);
      try {
        rows.push(...(await mod.run(ctx)).map((r) => ({ ...r, module: mod.name })));
      } catch (e) {
        failures++;
        rows.push({ module: mod.name, name: mod.name, metric: "error", value: 0, note: (e as Error).message });
      }
    }
  } finally {
    stop();
  }

  printTable(rows);
  fs.mkdirSync("bench", { recursive: true });
  const results = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, platform: `${os.platform()} ${os.arch()}` },
    server: { url: baseUrl, distDir: DIST_DIR },
    rows,
  };
  fs.writeFileSync("bench/results.json", JSON.stringify(results, null, 2) + "\n");
  console.log("\nbench/results.json에 저장했어요.");
  fs.rmSync(dir, { recursive: true, force: true });
  return failures ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`벤치마크 실패: ${(e as Error).message}`);
    process.exit(1);
  },
);
