/**
 * Online backup and restore of the SQLite file.
 *
 * Backup uses `VACUUM INTO`: it reads the database inside one read transaction, so the copy
 * is a consistent snapshot even while the server keeps writing (WAL lets writers go on),
 * and — unlike the page-by-page backup API, which restarts whenever another connection
 * writes — it always finishes under a steady write load.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import journal from "@/db/migrations/meta/_journal.json";
import { PRIVATE_FILE_MODE } from "@/db/client";
import { AppError } from "@/lib/errors";

/** Tables a Dangol database always has once migrated. */
const REQUIRED_TABLES = ["__drizzle_migrations", "shop_settings", "users", "products", "orders", "order_items", "customers"];

export type DatabaseCheck = { tables: number; migrations: number; lastMigrationAt: number };

function integrityErrors(db: Database.Database): string[] {
  const rows = db.pragma("integrity_check") as { integrity_check: string }[];
  return rows.map((r) => r.integrity_check).filter((v) => v !== "ok");
}

/** Throws unless `file` is an intact Dangol database (our tables and a migrations journal). */
export function checkDangolDatabase(file: string): DatabaseCheck {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new AppError("not_found", { message: "file_missing", params: { file } });
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new AppError("validation", { message: "not_sqlite", params: { file } });
  }
  try {
    let tables: string[];
    try {
      tables = (db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name);
    } catch {
      throw new AppError("validation", { message: "not_sqlite", params: { file } });
    }
    const missing = REQUIRED_TABLES.filter((t) => !tables.includes(t));
    if (missing.length) throw new AppError("validation", { message: "not_dangol_db", params: { tables: missing.join(", ") } });
    const errors = integrityErrors(db);
    if (errors.length) throw new AppError("validation", { message: "db_corrupt", params: { details: errors.slice(0, 3).join("; ") } });
    const journal = db.prepare("select count(*) as n, coalesce(max(created_at), 0) as last from __drizzle_migrations").get() as {
      n: number;
      last: number;
    };
    if (journal.n === 0) throw new AppError("validation", { message: "no_migrations" });
    return { tables: tables.length, migrations: journal.n, lastMigrationAt: Number(journal.last) };
  } finally {
    db.close();
  }
}

/** A temp name in the target's folder, so the final rename stays on one file system (atomic). */
function tempNextTo(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, "r+");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Snapshot `source` (a path; may be in use by a server) into a new, owner-only file `to`. */
function vacuumInto(source: string, to: string): void {
  // VACUUM INTO fills an empty file: made first, 0600, so the copy is never readable by others.
  fs.closeSync(fs.openSync(to, "wx", PRIVATE_FILE_MODE));
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 10000");
    db.prepare("vacuum into ?").run(to);
  } finally {
    db.close();
  }
}

export type BackupResult = { file: string; bytes: number; check: DatabaseCheck };

/**
 * Copy the live database at `source` to `to`: snapshot into a temp file, verify it, then
 * rename into place, so `to` is either the previous file or a complete, checked copy.
 */
export function backupDatabase({ source, to, overwrite = false }: { source: string; to: string; overwrite?: boolean }): BackupResult {
  const target = path.resolve(to);
  if (target === path.resolve(source)) throw new AppError("validation", { message: "backup_same_path" });
  if (fs.existsSync(target) && !overwrite) throw new AppError("conflict", { message: "file_exists", params: { file: target } });
  if (!fs.existsSync(source)) throw new AppError("not_found", { message: "db_missing", params: { file: source } });
  // A typo in --to must not scatter copies of customer data into new folders.
  const folder = path.dirname(target);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory())
    throw new AppError("not_found", { message: "backup_folder_missing", params: { folder } });
  const temp = tempNextTo(target);
  try {
    vacuumInto(source, temp);
    const check = checkDangolDatabase(temp);
    fsyncFile(temp);
    fs.chmodSync(temp, PRIVATE_FILE_MODE);
    fs.renameSync(temp, target);
    return { file: target, bytes: fs.statSync(target).size, check };
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

/**
 * Replace the database at `target` with the backup `from`. The caller makes sure no server
 * holds `target`. The backup is checked first; it is snapshotted next to the target (so a
 * backup that is itself a live WAL database is read consistently), then the target's old
 * -wal/-shm are removed — they belong to the old file and SQLite would otherwise replay
 * them onto the new one — and the new file is renamed into place.
 */
export function restoreDatabase({ from, target }: { from: string; target: string }): { bytes: number; check: DatabaseCheck } {
  const source = path.resolve(from);
  const dest = path.resolve(target);
  if (source === dest) throw new AppError("validation", { message: "restore_same_file" });
  const check = checkDangolDatabase(source);
  // A backup from a newer Dangol has tables this code does not know: restoring it would
  // leave a database the app cannot read. The migrations run after restore bring an older one up.
  const newestKnown = Math.max(...journal.entries.map((e) => e.when));
  if (check.lastMigrationAt > newestKnown) {
    throw new AppError("validation", { message: "backup_newer" });
  }
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const temp = tempNextTo(dest);
  try {
    vacuumInto(source, temp);
    checkDangolDatabase(temp);
    fsyncFile(temp);
    for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(dest + suffix, { force: true });
    fs.renameSync(temp, dest);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
  return { bytes: fs.statSync(dest).size, check };
}
