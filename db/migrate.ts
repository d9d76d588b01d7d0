import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { getDb, type Db } from "./client";
import { databasePath } from "@/lib/config/paths";

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/** Apply the committed migrations (idempotent). */
export function runMigrations(db: Db = getDb()): void {
  migrate(db, { migrationsFolder });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  runMigrations();
  console.log(`데이터베이스 준비 완료: ${databasePath()}`);
}
