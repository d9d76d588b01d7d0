import { defineConfig } from "vitest/config";

export default defineConfig({
  // Tests are a Node entry point like the CLI: `server-only` is empty here, as it is under
  // scripts/node/server-only.mjs.
  resolve: { alias: { "@": import.meta.dirname, "server-only": `${import.meta.dirname}/node_modules/server-only/empty.js` } },
  test: {
    environment: "node",
    include: ["lib/**/*.test.ts", "tests/**/*.test.ts", "scripts/**/*.test.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
