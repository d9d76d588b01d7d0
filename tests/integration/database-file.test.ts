/**
 * The database file as the operator meets it: created owner-only (with its -wal, -shm,
 * backups and the server marker); a damaged, truncated, read-only or unreadable file is
 * named with what is wrong and what to do, by the server start and the CLI, exit non-zero;
 * a file replaced under a running server (restore --force) never swallows a write.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { closeDb, getDb, openDatabase } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { inquiries } from "@/db/schema";
import { backupDatabase, restoreDatabase } from "@/lib/ops/backup";
import { holdServerMarker, serverMarkerPath } from "@/lib/ops/server-lock";

const TSX = path.resolve("node_modules/tsx/dist/cli.mjs");
const SERVER_ONLY_HOOK = path.resolve("scripts/node/server-only.mjs");
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dangol-dbfile-"));
  // Reachable by the unprivileged user the root-run tests switch to.
  fs.chmodSync(dir, 0o777);
  return dir;
}

/** A migrated database at a fresh path, closed. */
function migratedFile(): string {
  const file = path.join(tempDir(), "dangol.db");
  const db = openDatabase(file);
  runMigrations(db);
  db.$client.close();
  return file;
}

const mode = (file: string) => fs.statSync(file).mode & 0o777;

/** Run a CLI command or the server start on `file`; as root, as an unprivileged user so permissions bite. */
function run(script: string, file: string, args: string[], asUser = false) {
  const r = spawnSync(process.execPath, [TSX, "--import", SERVER_ONLY_HOOK, script, ...args], {
    env: { ...process.env, DATABASE_PATH: file, PORT: "3299", NEXT_DIST_DIR: ".next-never-built" },
    encoding: "utf8",
    timeout: 60_000,
    ...(asUser && isRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
}

afterEach(() => closeDb());

describe("file permissions", () => {
  it("creates the database, -wal and -shm owner-only (0600), and makes an old 0644 file 0600", () => {
    const file = path.join(tempDir(), "dangol.db");
    const db = openDatabase(file);
    runMigrations(db);
    db.insert(inquiries).values({ message: "x", createdAt: 1 }).run();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f), f).toBe(0o600);
    db.$client.close();
    fs.chmodSync(file, 0o644);
    openDatabase(file).$client.close();
    expect(mode(file)).toBe(0o600);
  });

  it("makes backups and the server marker 0600", () => {
    const file = migratedFile();
    const backup = path.join(path.dirname(file), "backup.db");
    backupDatabase({ source: file, to: backup });
    expect(mode(backup)).toBe(0o600);
    const release = holdServerMarker({ dbPath: file });
    expect(mode(serverMarkerPath(file))).toBe(0o600);
    release();
  });

  it("backup --to does not create missing folders", () => {
    const file = migratedFile();
    const missing = path.join(path.dirname(file), "no", "such", "folder");
    const r = run("scripts/cli.ts", file, ["backup", "--to", path.join(missing, "b.db")]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("백업할 폴더가 없어요");
    expect(fs.existsSync(path.join(path.dirname(file), "no"))).toBe(false);
  }, 90_000);
});

describe("a database file that cannot be used", () => {
  const cases: { name: string; prepare: (file: string) => void; problem: string; remedy: string; asUser?: boolean }[] = [
    {
      name: "corrupt",
      prepare: (f) => fs.writeFileSync(f, Buffer.alloc(8192, 0x41)),
      problem: "SQLite 데이터베이스가 아니거나",
      remedy: "restore --from",
    },
    {
      name: "truncated",
      prepare: (f) => {
        const bytes = fs.readFileSync(f);
        fs.writeFileSync(f, bytes.subarray(0, Math.floor(bytes.length / 2) + 100));
      },
      problem: "잘렸어요",
      remedy: "restore --from",
    },
    { name: "read-only", prepare: (f) => fs.chmodSync(f, isRoot ? 0o644 : 0o400), problem: "읽기 전용", remedy: "쓰기 권한", asUser: true },
    { name: "unreadable", prepare: (f) => fs.chmodSync(f, 0o000), problem: "읽기 권한이 없어요", remedy: "chmod 600", asUser: true },
  ];

  it.each(cases)(
    "$name: the CLI names the file, the problem and the fix, exit 1",
    ({ prepare, problem, remedy, asUser }) => {
      const file = migratedFile();
      prepare(file);
      const r = run("scripts/cli.ts", file, ["import-orders", "/dev/null"], asUser);
      expect(r.code).toBe(1);
      expect(r.out).toContain(file);
      expect(r.out).toContain(problem);
      expect(r.out).toContain(remedy);
      expect(r.out).not.toContain("SqliteError");
    },
    90_000,
  );

  it.each(cases.filter((c) => c.name === "corrupt" || c.name === "unreadable"))(
    "$name: the server start says the same in its log and exits 1",
    ({ prepare, problem, asUser }) => {
      const file = migratedFile();
      prepare(file);
      const r = run("scripts/start.ts", file, [], asUser);
      expect(r.code).toBe(1);
      expect(r.out).toContain(file);
      expect(r.out).toContain(problem);
    },
    90_000,
  );
});

describe("a database replaced under a running server (restore --force)", () => {
  function serverDb() {
    const file = path.join(tempDir(), "dangol.db");
    process.env.DATABASE_PATH = file;
    const db = getDb();
    runMigrations(db);
    return { file, db };
  }
  const rowsIn = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return (db.prepare("select message from inquiries order by id").all() as { message: string }[]).map((r) => r.message);
    } finally {
      db.close();
    }
  };
  const write = (db: ReturnType<typeof getDb>, message: string) =>
    db.transaction((tx) => tx.insert(inquiries).values({ message, createdAt: Date.now() }).run(), { behavior: "immediate" });

  it("refuses a write on the old handle, and the next request writes into the restored file", () => {
    const { file, db } = serverDb();
    write(db, "before backup");
    const backup = path.join(path.dirname(file), "backup.db");
    backupDatabase({ source: file, to: backup });
    write(db, "after backup");
    restoreDatabase({ from: backup, target: file });
    // The old connection would write into the replaced file: refused, not acknowledged.
    expect(() => write(db, "lost?")).toThrow(expect.objectContaining({ code: "database_replaced" }));
    write(getDb(), "after restore");
    expect(rowsIn(file)).toEqual(["before backup", "after restore"]);
  });

  it("does not acknowledge a write whose transaction the restore overtook", () => {
    const { file, db } = serverDb();
    const backup = path.join(path.dirname(file), "backup.db");
    backupDatabase({ source: file, to: backup });
    expect(() =>
      db.transaction(
        (tx) => {
          tx.insert(inquiries).values({ message: "in flight", createdAt: Date.now() }).run();
          // The file is swapped while this transaction is open.
          restoreDatabase({ from: backup, target: file });
        },
        { behavior: "immediate" },
      ),
    ).toThrow(expect.objectContaining({ code: "database_replaced" }));
    expect(rowsIn(file)).toEqual([]);
    write(getDb(), "retried");
    expect(rowsIn(file)).toEqual(["retried"]);
  });
});
