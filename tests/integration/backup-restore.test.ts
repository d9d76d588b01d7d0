/**
 * `backup` and `restore` as an operator runs them (child processes) against a database that
 * another connection — standing in for the running server — keeps writing to.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { cliArgs } from "../helpers/node";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { holdServerMarker, serverMarkerPath } from "@/lib/ops/server-lock";

function cli(dbPath: string, ...args: string[]) {
  const r = spawnSync(process.execPath, cliArgs(...args), { env: { ...process.env, DATABASE_PATH: dbPath }, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function cliAsync(dbPath: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, cliArgs(...args), { env: { ...process.env, DATABASE_PATH: dbPath } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

function countRows(file: string): { n: number; max: number } {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("select count(*) as n, coalesce(max(id), 0) as max from inquiries").get() as { n: number; max: number };
  } finally {
    db.close();
  }
}

function integrity(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma("integrity_check", { simple: true }) as string;
  } finally {
    db.close();
  }
}

let dir: string;
let dbPath: string;
const INITIAL_ROWS = 3000;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dangol-backup-"));
  dbPath = path.join(dir, "shop.db");
  const db = openDatabase(dbPath);
  runMigrations(db);
  const insert = db.$client.prepare("insert into inquiries (message, created_at) values (?, ?)");
  db.$client.transaction(() => {
    for (let i = 0; i < INITIAL_ROWS; i++) insert.run(`내일 소금빵 ${i}개 남을까요? `.repeat(8), Date.now());
  })();
  db.$client.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("backup", () => {
  it("makes a consistent, intact copy while another connection keeps writing", async () => {
    const writer = openDatabase(dbPath);
    const insert = writer.$client.prepare("insert into inquiries (message, created_at) values (?, ?)");
    let writtenDuring = 0;
    let running = true;
    // The folder must exist: backup never creates one.
    fs.mkdirSync(path.join(dir, "backups"));
    const backupFile = path.join(dir, "backups", "during-writes.db");
    const done = cliAsync(dbPath, "backup", "--to", backupFile).finally(() => (running = false));
    // The "server": a write every couple of milliseconds for as long as the backup runs.
    while (running) {
      insert.run("영업 중 쓰기", Date.now());
      writtenDuring++;
      await new Promise((r) => setTimeout(r, 2));
    }
    const result = await done;
    writer.$client.close();

    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/크기 [\d.]+ (KB|MB)/);
    expect(result.stdout).toContain("무결성 검사 통과");
    expect(writtenDuring).toBeGreaterThan(10);
    expect(integrity(backupFile)).toBe("ok");
    const copy = countRows(backupFile);
    expect(copy.n).toBeGreaterThanOrEqual(INITIAL_ROWS);
    // A snapshot, not a torn copy: every row up to the newest one it holds, no gaps.
    expect(copy.n).toBe(copy.max);
    expect(copy.n).toBeLessThanOrEqual(countRows(dbPath).n);
    // The copy is a standalone file: no WAL of its own left beside it.
    expect(fs.existsSync(backupFile + "-wal")).toBe(false);
  });

  it("refuses to overwrite an existing file without --force", () => {
    const file = path.join(dir, "existing.db");
    fs.writeFileSync(file, "keep me");
    const r = cli(dbPath, "backup", "--to", file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("이미 파일이 있어요");
    expect(fs.readFileSync(file, "utf8")).toBe("keep me");
    expect(cli(dbPath, "backup", "--to", file, "--force").code).toBe(0);
    expect(integrity(file)).toBe("ok");
  });
});

describe("restore", () => {
  it("refuses while the server marker is held, works with --force, and with a stale marker", () => {
    const backupFile = path.join(dir, "before-changes.db");
    expect(cli(dbPath, "backup", "--to", backupFile).code).toBe(0);
    const inBackup = countRows(backupFile).n;

    const db = openDatabase(dbPath);
    db.$client.prepare("insert into inquiries (message, created_at) values ('백업 뒤에 쓴 줄', 0)").run();
    db.$client.close();
    const afterChanges = countRows(dbPath).n;
    expect(afterChanges).toBe(inBackup + 1);

    // This test process plays the running server.
    const release = holdServerMarker({ dbPath, port: "3999" });
    try {
      const refused = cli(dbPath, "restore", "--from", backupFile);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`서버(pid ${process.pid}, 포트 3999)가 이 데이터베이스를 쓰고 있어요`);
      expect(countRows(dbPath).n).toBe(afterChanges);

      const forced = cli(dbPath, "restore", "--from", backupFile, "--force");
      expect(forced.stderr).toBe("");
      expect(forced.code).toBe(0);
      expect(forced.stdout).toContain("복원했어요");
      expect(countRows(dbPath).n).toBe(inBackup);
      expect(integrity(dbPath)).toBe("ok");
    } finally {
      release();
    }
    expect(fs.existsSync(serverMarkerPath(dbPath))).toBe(false);

    // A server killed hard leaves its marker behind: a dead pid does not block a restore.
    const dead = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
    fs.writeFileSync(serverMarkerPath(dbPath), JSON.stringify({ pid: Number(dead.stdout.trim()), host: os.hostname(), startedAt: 0 }));
    const stale = cli(dbPath, "restore", "--from", backupFile);
    expect(stale.code).toBe(0);
    expect(countRows(dbPath).n).toBe(inBackup);
  }, 120_000); // several CLI runs, each a fresh Node process

  it("refuses a file that is not a Dangol database and leaves the database as it was", () => {
    const before = countRows(dbPath).n;
    const junk = path.join(dir, "junk.db");
    fs.writeFileSync(junk, "this is not sqlite at all, just a text file".repeat(200));
    const notSqlite = cli(dbPath, "restore", "--from", junk);
    expect(notSqlite.code).toBe(1);
    expect(notSqlite.stderr).toContain("SQLite 데이터베이스 파일이 아니에요");

    const other = path.join(dir, "other.db");
    const foreign = new Database(other);
    foreign.exec("create table notes (id integer primary key, body text); insert into notes (body) values ('x');");
    foreign.close();
    const notOurs = cli(dbPath, "restore", "--from", other);
    expect(notOurs.code).toBe(1);
    expect(notOurs.stderr).toContain("단골 데이터베이스가 아니에요");

    const missing = cli(dbPath, "restore", "--from", path.join(dir, "nope.db"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("파일이 없어요");
    expect(countRows(dbPath).n).toBe(before);
  });
});
