// The browser must never receive the driver or the schema: a client component that reaches
// this module fails the build. Node entry points (CLI, scripts, tests) load
// scripts/node/server-only.mjs, under which this import is empty.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import * as schema from "./schema";
import { cacheStatements } from "./statement-cache";
import { announceLockingTransactions } from "./write-gate";
import { dataDir, databasePath } from "@/lib/config/paths";
import { AppError } from "@/lib/errors";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A transaction handle; domain functions accept either this or `db`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

/**
 * Files holding customer data (the database, its -wal/-shm, backups, the server marker) are
 * readable by their owner only. SQLite gives -wal and -shm the main file's mode.
 */
export const PRIVATE_FILE_MODE = 0o600;
const RESTORE_HINT = "백업에서 되돌리려면: npm run cli -- restore --from 백업파일.db";

/** A database file the app cannot use: says which file, what is wrong and what to do. */
export function databaseFileError(file: string, problem: string, remedy: string): AppError {
  // The caller sees the catalogue sentence; which file and why is for the operator's log (`cause`).
  const error = new AppError("database_unavailable");
  error.cause = `데이터베이스 파일을 쓸 수 없어요: ${file}\n  문제: ${problem}\n  할 일: ${remedy}`;
  return error;
}

/** Make an existing file owner-only (an install from before the rule, a copy made elsewhere). */
export function makePrivate(file: string): void {
  try {
    if ((fs.statSync(file).mode & 0o777) !== PRIVATE_FILE_MODE) fs.chmodSync(file, PRIVATE_FILE_MODE);
  } catch {
    // Missing, or not ours to change: opening will say so if it matters.
  }
}

/** Refuse early, in words, what SQLite would report as a bare error code. */
function checkFileBeforeOpen(file: string): void {
  const dir = path.dirname(file);
  if (!fs.existsSync(file)) {
    // First run: data/ is made on demand (a missing folder elsewhere is refused below).
    if (!fs.existsSync(dir) && dir === dataDir()) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      fs.accessSync(dir, fs.constants.W_OK);
    } catch {
      throw databaseFileError(
        file,
        `폴더 ${dir}에 파일을 만들 수 없어요 (없거나 쓰기 권한이 없어요).`,
        `폴더를 만들고 서버를 실행하는 사용자에게 쓰기 권한을 주세요 (예: mkdir -p ${dir}; chown 사용자 ${dir}).`,
      );
    }
    // Created owner-only before SQLite writes anything into it.
    fs.closeSync(fs.openSync(file, "a", PRIVATE_FILE_MODE));
    return;
  }
  const stat = fs.statSync(file);
  if (!stat.isFile())
    throw databaseFileError(
      file,
      "일반 파일이 아니에요 (폴더이거나 장치 파일이에요).",
      "DATABASE_PATH가 데이터베이스 파일을 가리키게 고쳐 주세요.",
    );
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch {
    throw databaseFileError(
      file,
      "읽기 권한이 없어요.",
      `서버를 실행하는 사용자에게 파일 권한을 주세요 (예: chown 사용자 ${file}; chmod 600 ${file}).`,
    );
  }
  try {
    fs.accessSync(file, fs.constants.W_OK);
    // WAL mode writes -wal and -shm next to the file.
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    throw databaseFileError(
      file,
      "읽기 전용이에요 (파일이나 폴더에 쓰기 권한이 없어요).",
      `서버를 실행하는 사용자에게 쓰기 권한을 주세요 (예: chmod 600 ${file}; 폴더 ${dir}도 쓰기 가능해야 해요).`,
    );
  }
  checkHeader(file, stat.size);
}

/** The SQLite header: the magic string, and a size that matches the pages it claims. */
function checkHeader(file: string, size: number): void {
  if (size === 0) return; // a file just created: SQLite writes the header
  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, "r");
  let read: number;
  try {
    read = fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read < 100 || header.toString("latin1", 0, 16) !== "SQLite format 3\u0000") {
    throw databaseFileError(file, "SQLite 데이터베이스가 아니거나 앞부분이 손상되었어요.", `백업에서 되돌려 주세요. ${RESTORE_HINT}`);
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pages = header.readUInt32BE(28);
  // The page count in the header is valid when its change counter matches (offsets 24 and 92).
  const countValid = header.readUInt32BE(24) === header.readUInt32BE(92);
  if (size % pageSize !== 0 || (countValid && pages > 0 && size < pages * pageSize)) {
    throw databaseFileError(
      file,
      `파일이 잘렸어요 (${size.toLocaleString("ko-KR")}바이트, 있어야 할 크기 ${(pages * pageSize).toLocaleString("ko-KR")}바이트).`,
      `백업에서 되돌려 주세요. ${RESTORE_HINT}`,
    );
  }
}

/** SQLite's own complaint, in the same words as checkFileBeforeOpen. */
export function describeSqliteError(file: string, e: unknown): AppError | null {
  const code = (e as { code?: string })?.code ?? "";
  if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT" || code.startsWith("SQLITE_CORRUPT")) {
    return databaseFileError(file, "데이터베이스가 손상되었어요.", `백업에서 되돌려 주세요. ${RESTORE_HINT}`);
  }
  if (code === "SQLITE_READONLY" || code.startsWith("SQLITE_READONLY")) {
    return databaseFileError(
      file,
      "읽기 전용이라 쓸 수 없어요.",
      `서버를 실행하는 사용자에게 파일과 폴더의 쓰기 권한을 주세요 (chmod 600 ${file}).`,
    );
  }
  if (code === "SQLITE_CANTOPEN" || code === "SQLITE_PERM" || code === "SQLITE_AUTH") {
    return databaseFileError(file, "파일을 열 수 없어요 (권한이 없거나 경로가 틀렸어요).", "DATABASE_PATH와 파일 권한을 확인해 주세요.");
  }
  return null;
}

type FileIdentity = { dev: number; ino: number };

function identityOf(file: string): FileIdentity | null {
  try {
    const s = fs.statSync(file);
    return { dev: s.dev, ino: s.ino };
  } catch {
    return null;
  }
}

/** The file at `file` is no longer the one this connection has open (restored, moved, deleted). */
function replaced(file: string, opened: FileIdentity): boolean {
  const now = identityOf(file);
  return !now || now.dev !== opened.dev || now.ino !== opened.ino;
}

/**
 * Every write transaction checks, before it starts and after it commits, that the path still
 * names the file this connection opened. A `restore --force` while the server runs swaps the
 * file: a write into the old one would be acknowledged and then found in no file. Such a
 * write is refused (503, "try again"); the next getDb() opens the restored file.
 */
function guardAgainstReplacement(db: Db, file: string, opened: FileIdentity): void {
  const transaction = db.transaction.bind(db);
  const check = () => {
    if (replaced(file, opened)) {
      markStale(db);
      throw new AppError("database_replaced");
    }
  };
  db.transaction = ((fn, config) => {
    check();
    const result = transaction(fn, config);
    check();
    return result;
  }) as Db["transaction"];
}

export function openDatabase(file: string = databasePath()): Db {
  checkFileBeforeOpen(file);
  let client: Database.Database;
  try {
    client = new Database(file);
    client.pragma("journal_mode = WAL");
    client.pragma("foreign_keys = ON");
    client.pragma("busy_timeout = 5000");
    client.pragma("synchronous = NORMAL");
    // Deleted personal data is overwritten, not left in free pages of the file.
    client.pragma("secure_delete = ON");
    // Reading the schema touches the first pages: a damaged file says so now, not mid-request.
    client.prepare("select count(*) from sqlite_master").get();
  } catch (e) {
    throw describeSqliteError(file, e) ?? e;
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) makePrivate(f);
  cacheStatements(client);
  announceLockingTransactions(client);
  const db = drizzle(client, { schema }) as Db;
  const opened = identityOf(file);
  if (opened) guardAgainstReplacement(db, file, opened);
  return db;
}

const globalForDb = globalThis as unknown as {
  dangolDb?: Db;
  dangolDbPath?: string;
  dangolDbStale?: boolean;
  dangolDbIdentity?: FileIdentity | null;
  dangolDbAbandoned?: Db[];
  dangolWalAutocheckpoint?: number;
  dangolOnReplaced?: () => void;
};

function markStale(db: Db): void {
  if (globalForDb.dangolDb === db) globalForDb.dangolDbStale = true;
}

/**
 * The process-wide connection, cached on globalThis so dev reloads reuse it. Reopened when
 * the file at the path is no longer the one open (a restore replaced it).
 */
export function getDb(): Db {
  const file = databasePath();
  const cached = globalForDb.dangolDb;
  const stale =
    !cached ||
    globalForDb.dangolDbPath !== file ||
    globalForDb.dangolDbStale ||
    (globalForDb.dangolDbIdentity && replaced(file, globalForDb.dangolDbIdentity));
  if (stale) {
    const wasReplaced = Boolean(cached && globalForDb.dangolDbPath === file && cached.$client.open);
    if (wasReplaced) {
      // The file was replaced under this connection. Closing it would checkpoint and then
      // delete `<file>-wal` by name — by then the restored file's. It is left open instead
      // (one handle per restore) and kept referenced so garbage collection does not close it.
      (globalForDb.dangolDbAbandoned ??= []).push(cached!);
    } else cached?.$client.close();
    globalForDb.dangolDb = undefined;
    globalForDb.dangolDb = openDatabase(file);
    if (globalForDb.dangolWalAutocheckpoint)
      globalForDb.dangolDb.$client.pragma(`wal_autocheckpoint = ${globalForDb.dangolWalAutocheckpoint}`);
    globalForDb.dangolDbPath = file;
    globalForDb.dangolDbStale = false;
    globalForDb.dangolDbIdentity = identityOf(file);
    if (wasReplaced) globalForDb.dangolOnReplaced?.();
  }
  return globalForDb.dangolDb!;
}

/** What to do once getDb() has opened the file that replaced the one it had open (a restore). */
export function onDatabaseReplaced(then: (() => void) | undefined): void {
  globalForDb.dangolOnReplaced = then;
}

/**
 * How many WAL pages a commit on the process-wide connection lets pile up before it
 * checkpoints them itself (SQLite's default is 1000). The server raises it while
 * db/wal-checkpointer.ts checkpoints from its own thread, and puts it back if that thread stops.
 */
export function setWalAutocheckpoint(pages: number): void {
  globalForDb.dangolWalAutocheckpoint = pages;
  globalForDb.dangolDb?.$client.pragma(`wal_autocheckpoint = ${pages}`);
}

/** Close the cached connection (tests and the restore command). */
export function closeDb(): void {
  globalForDb.dangolDb?.$client.close();
  globalForDb.dangolDb = undefined;
  globalForDb.dangolDbPath = undefined;
  globalForDb.dangolDbStale = undefined;
  globalForDb.dangolDbIdentity = undefined;
}
