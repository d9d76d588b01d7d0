import os from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: [
      { find: "@", replacement: import.meta.dirname },
      // Tests are a Node entry point like the CLI: `server-only` is empty here, as it is under
      // scripts/node/server-only.mjs.
      { find: "server-only", replacement: `${import.meta.dirname}/node_modules/server-only/empty.js` },
      // Messages are precompiled (i18n/compile.ts) and formatted by next-intl's format-only
      // runtime, as next.config.ts has it: next-intl is bundled here so the alias reaches it.
      { find: /^use-intl\/format-message$/, replacement: "use-intl/format-message/format-only" },
    ],
  },
  test: {
    environment: "node",
    server: { deps: { inline: ["next-intl", "use-intl"] } },
    include: ["lib/**/*.test.ts", "tests/**/*.test.ts", "scripts/**/*.test.ts"],
    pool: "forks",
    // A file per core (vitest's default leaves one core to itself, which is half of a two-core
    // runner; the main process mostly waits).
    maxWorkers: os.availableParallelism(),
    // Migrates one database file per run; freshDb() copies it (tests/helpers/db.ts).
    globalSetup: ["tests/helpers/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
