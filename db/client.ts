// The browser must never receive the driver or the schema: a client component that reaches
// this module fails the build. Node entry points (CLI, scripts, tests) run with the
// `react-server` condition, under which this import is empty.
import "server-only";
import fs from "node:fs";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import * as schema from "./schema";
import { dataDir, databasePath } from "@/lib/config/paths";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A transaction handle; domain functions accept either this or `db`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export function openDatabase(file: string = databasePath()): Db {
  fs.mkdirSync(dataDir(), { recursive: true });
  const client = new Database(file);
  client.pragma("journal_mode = WAL");
  client.pragma("foreign_keys = ON");
  client.pragma("busy_timeout = 5000");
  client.pragma("synchronous = NORMAL");
  // Deleted personal data is overwritten, not left in free pages of the file.
  client.pragma("secure_delete = ON");
  return drizzle(client, { schema }) as Db;
}

const globalForDb = globalThis as unknown as { dangolDb?: Db; dangolDbPath?: string };

/** The process-wide connection, cached on globalThis so dev reloads reuse it. */
export function getDb(): Db {
  const file = databasePath();
  if (!globalForDb.dangolDb || globalForDb.dangolDbPath !== file) {
    globalForDb.dangolDb?.$client.close();
    globalForDb.dangolDb = openDatabase(file);
    globalForDb.dangolDbPath = file;
  }
  return globalForDb.dangolDb;
}

/** Close the cached connection (tests and the restore command). */
export function closeDb(): void {
  globalForDb.dangolDb?.$client.close();
  globalForDb.dangolDb = undefined;
  globalForDb.dangolDbPath = undefined;
}
