/**
 * vitest globalSetup: migrate one database file per run, the way production does, and hand
 * its path to the test files (`inject("migratedDb")`). freshDb() copies it instead of running
 * every migration again for each test.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    migratedDb: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dangol-test-template-"));
  const file = path.join(dir, "migrated.db");
  fs.closeSync(fs.openSync(file, "a", 0o600));
  const client = new Database(file);
  // As db/client.ts opens it (WAL is stored in the file); closing checkpoints, so the one file is complete.
  client.pragma("journal_mode = WAL");
  client.pragma("foreign_keys = ON");
  migrate(drizzle(client), { migrationsFolder: path.join(import.meta.dirname, "../../db/migrations") });
  client.close();
  project.provide("migratedDb", file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
