import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT || 3100);
const PORT_2 = Number(process.env.E2E_PORT_2 || PORT + 2);

/**
 * Two production servers from the one build, each with its own throwaway database and its own
 * first run, each with one browser: the specs below run against the second, every other spec
 * (00-setup first, the first-run page) against the first. The split balances the measured
 * time of each half (test-results/e2e.json); a spec stays with its server, in file order.
 */
const ON_SECOND_SERVER = [
  "admin",
  "auth",
  "birthday",
  "boundaries",
  "metrics",
  "order-changes",
  "owner",
  "phone-restock",
  "storefront",
  "storefront-shop",
].map((name) => `${name}.spec.ts`);

function server(port: number) {
  const env: Record<string, string> = { E2E_PORT: String(port), NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || ".next" };
  // A fixed TOSS_FAKE_PORT is the first server's; the second's fake sits as far above it as the server.
  if (process.env.TOSS_FAKE_PORT) env.TOSS_FAKE_PORT = String(Number(process.env.TOSS_FAKE_PORT) + port - PORT);
  return {
    command: "tsx --import ./scripts/node/server-only.mjs scripts/e2e-server.ts",
    url: `http://127.0.0.1:${port}/api/v1/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    env,
  };
}

export default defineConfig({
  testDir: "./e2e",
  // Not test-results itself: Playwright empties its output folder after the web server has
  // written test-results/e2e-db-<port> there.
  outputDir: "test-results/artifacts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // One worker per server (projects below).
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"], ["json", { outputFile: process.env.E2E_JSON || "test-results/e2e.json" }]],
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    {
      name: "chromium",
      testIgnore: ON_SECOND_SERVER,
      workers: 1,
      use: { ...devices["Desktop Chrome"], baseURL: `http://127.0.0.1:${PORT}` },
    },
    {
      name: "chromium-2",
      testMatch: ON_SECOND_SERVER,
      workers: 1,
      use: { ...devices["Desktop Chrome"], baseURL: `http://127.0.0.1:${PORT_2}` },
    },
  ],
  // Started one after the other: the first builds when the sources changed, the second finds the build.
  webServer: [server(PORT), server(PORT_2)],
});
