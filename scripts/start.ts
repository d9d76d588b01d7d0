/**
 * `npm start`: migrate (creating data/dangol.db on first run), make sure the auth secret
 * exists, build when the build is missing or stale, then serve on PORT (default 3000).
 * A database file that cannot be used stops it here with the file, the problem and the fix.
 */
import { spawn } from "node:child_process";
import { closeDb } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { authSecret, databasePath } from "@/lib/config/paths";
import { isAppError } from "@/lib/errors";
import { vapidKeys } from "@/lib/messages/adapters/push";
import { holdServerMarker } from "@/lib/ops/server-lock";
import { buildIfStale } from "./build-if-stale";
import { nextStartArgs } from "./server-flags";

const started = performance.now();
const elapsed = () => `${Math.round(performance.now() - started)}ms`;

try {
  runMigrations();
  // Next's server opens its own connection; this process keeps none.
  closeDb();
} catch (e) {
  // The operator starts the server: a database error also says which file and what to do (`cause`).
  console.error(isAppError(e) ? `오류: ${e.message}${typeof e.cause === "string" ? `\n${e.cause}` : ""}` : e);
  process.exit(1);
}
authSecret();
vapidKeys();
console.log(`데이터베이스: ${databasePath()} (${elapsed()})`);
buildIfStale();
console.log(`빌드 확인 (${elapsed()})`);

const port = process.env.PORT || "3000";
// Tells `npm run cli -- restore` that a server holds this database (removed on exit).
holdServerMarker({ dbPath: databasePath(), port });
const child = spawn(process.execPath, nextStartArgs({ port, host: process.env.HOSTNAME }), {
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
