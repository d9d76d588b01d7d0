/**
 * `npm start`: migrate (creating data/dangol.db on first run), make sure the auth secret
 * exists, build when the build is missing or stale, then serve on PORT (default 3000).
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { runMigrations } from "@/db/migrate";
import { authSecret, databasePath } from "@/lib/config/paths";
import { vapidKeys } from "@/lib/messages/adapters/push";
import { holdServerMarker } from "@/lib/ops/server-lock";
import { buildIfStale } from "./build-if-stale";

const require = createRequire(import.meta.url);

runMigrations();
authSecret();
vapidKeys();
console.log(`데이터베이스: ${databasePath()}`);
buildIfStale();

const port = process.env.PORT || "3000";
// Tells `npm run cli -- restore` that a server holds this database (removed on exit).
holdServerMarker({ dbPath: databasePath(), port });
const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-p", port, ...(process.env.HOSTNAME ? ["-H", process.env.HOSTNAME] : [])], {
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
