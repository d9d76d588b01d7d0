import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb, setWalAutocheckpoint, type Db } from "@/db/client";
import { DEFAULT_WAL_AUTOCHECKPOINT, SERVER_WAL_AUTOCHECKPOINT, startWalCheckpointer, stopWalCheckpointer } from "@/db/wal-checkpointer";
import { restoreDatabase } from "@/lib/ops/backup";
import { freshDb } from "../helpers/db";

const autocheckpoint = (db: Db) => db.$client.pragma("wal_autocheckpoint", { simple: true });

async function until(check: () => boolean, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

afterEach(async () => {
  await stopWalCheckpointer();
});

describe("WAL checkpoints off the request path", () => {
  it("moves committed pages into the database file from its own thread, and commits stop checkpointing below the safety net", async () => {
    const db = freshDb();
    const file = process.env.DATABASE_PATH!;
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    expect(autocheckpoint(db)).toBe(DEFAULT_WAL_AUTOCHECKPOINT);

    startWalCheckpointer({ file, everyMs: 50 });
    expect(await until(() => autocheckpoint(db) === SERVER_WAL_AUTOCHECKPOINT)).toBe(true);

    const before = fs.statSync(file).size;
    db.run(sql`CREATE TABLE blobs (b BLOB)`);
    // About 400 pages: fewer than SQLite's 1000, so no commit checkpoints them itself.
    for (let i = 0; i < 400; i++) db.run(sql`INSERT INTO blobs VALUES (zeroblob(4000))`);
    expect(await until(() => fs.statSync(file).size > before + 400 * 4000)).toBe(true);
    expect(db.get<{ n: number }>(sql`SELECT count(*) AS n FROM blobs`)!.n).toBe(400);
  });

  it("gives checkpoints back to the commits when it stops or cannot start", async () => {
    const db = freshDb();
    startWalCheckpointer({ file: process.env.DATABASE_PATH!, everyMs: 50 });
    expect(await until(() => autocheckpoint(db) === SERVER_WAL_AUTOCHECKPOINT)).toBe(true);
    await stopWalCheckpointer();
    expect(autocheckpoint(getDb())).toBe(DEFAULT_WAL_AUTOCHECKPOINT);

    setWalAutocheckpoint(SERVER_WAL_AUTOCHECKPOINT);
    const missing = path.join(path.dirname(process.env.DATABASE_PATH!), "missing.db");
    const worker = startWalCheckpointer({ file: missing, everyMs: 50 })!;
    const exited = new Promise((r) => worker.once("exit", r));
    await exited;
    expect(autocheckpoint(getDb())).toBe(DEFAULT_WAL_AUTOCHECKPOINT);
  });

  it("starts again on the restored file once the server's connection has reopened it", async () => {
    const db = freshDb();
    const file = process.env.DATABASE_PATH!;
    startWalCheckpointer({ file, everyMs: 50 });
    expect(await until(() => autocheckpoint(db) === SERVER_WAL_AUTOCHECKPOINT)).toBe(true);
    const backup = path.join(path.dirname(file), "before-restore.db");
    fs.rmSync(backup, { force: true });
    db.$client.prepare("VACUUM INTO ?").run(backup);

    restoreDatabase({ from: backup, target: file });
    // Let the old thread see the new file and stop (checkpoints go back to the commits).
    expect(await until(() => autocheckpoint(db) === DEFAULT_WAL_AUTOCHECKPOINT)).toBe(true);
    const restored = getDb();
    expect(restored).not.toBe(db);
    expect(await until(() => autocheckpoint(restored) === SERVER_WAL_AUTOCHECKPOINT)).toBe(true);

    const before = fs.statSync(file).size;
    restored.run(sql`CREATE TABLE blobs (b BLOB)`);
    for (let i = 0; i < 400; i++) restored.run(sql`INSERT INTO blobs VALUES (zeroblob(4000))`);
    expect(await until(() => fs.statSync(file).size > before + 400 * 4000)).toBe(true);
  });
});
