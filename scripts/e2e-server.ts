/**
 * The server end-to-end tests run against: the real production build, served on E2E_PORT
 * with a throwaway database in a temp folder (its path is written to test-results/e2e-db
 * so specs can inspect rows), with the payment provider's fake beside it (its URL in
 * test-results/toss-fake-<port>).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dangol-e2e-"));
process.env.DATABASE_PATH = path.join(dir, "e2e.db");
process.env.RATE_LIMIT_ORDERS_PER_MINUTE ??= "0";
process.env.RATE_LIMIT_PUBLIC_FORMS_PER_MINUTE ??= "0";
fs.mkdirSync("test-results", { recursive: true });
fs.writeFileSync(`test-results/e2e-db-${process.env.E2E_PORT || "3100"}`, process.env.DATABASE_PATH);

const { runMigrations } = await import("@/db/migrate");
const { buildIfStale } = await import("./build-if-stale");
runMigrations();
buildIfStale();
(await import("@/lib/ops/server-lock")).holdServerMarker({ dbPath: process.env.DATABASE_PATH!, port: process.env.E2E_PORT });

// The payment provider's local fake (tests/fakes/toss.ts): confirm, cancel, lookup, webhook and
// a checkout page in place of the widget. TOSS_FAKE_PORT, default E2E_PORT + 200.
const appPort = Number(process.env.E2E_PORT || 3100);
const { startTossFake, FAKE_CLIENT_KEY, FAKE_SECRET_KEY } = await import("../tests/fakes/toss");
const toss = await startTossFake({
  port: Number(process.env.TOSS_FAKE_PORT) || appPort + 200,
  webhookUrl: `http://127.0.0.1:${appPort}/api/v1/payments/toss`,
});
process.env.TOSS_CLIENT_KEY ??= FAKE_CLIENT_KEY;
process.env.TOSS_SECRET_KEY ??= FAKE_SECRET_KEY;
process.env.TOSS_API_BASE = toss.url;
process.env.TOSS_CHECKOUT_URL = `${toss.url}/checkout`;
process.env.PAYMENT_SWEEP_INTERVAL_MS ??= "1000";
fs.writeFileSync(`test-results/toss-fake-${appPort}`, toss.url);

const child = spawn(
  process.execPath,
  [
    "--require",
    require.resolve("./peer-address.cjs"),
    require.resolve("next/dist/bin/next"),
    "start",
    "-p",
    process.env.E2E_PORT || "3100",
    "-H",
    "127.0.0.1",
  ],
  {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  },
);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
