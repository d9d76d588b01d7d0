/**
 * Compiled statements reused by SQL text. Drizzle prepares a new statement for every query it
 * runs, and compiling it was the largest single cost of placing an order (about a sixth of its
 * CPU time). A statement handed out again is reset to return plain row objects, as a fresh one
 * would. Statements are used synchronously (better-sqlite3), so one is never run twice at
 * once — except an unfinished `iterate()`, for which a fresh statement is compiled.
 */
import type Database from "better-sqlite3";
import { isMainThread } from "node:worker_threads";
import { announcedWrite } from "./write-gate";

const MAX_STATEMENTS = 500;

export function cacheStatements(client: Database.Database): void {
  const prepare = client.prepare.bind(client);
  const statements = new Map<string, Database.Statement>();
  client.prepare = ((source: string) => {
    const cached = statements.get(source);
    if (cached && !cached.busy) {
      if (cached.reader) {
        cached.raw(false);
        cached.pluck(false);
        cached.expand(false);
      }
      return cached;
    }
    const statement = prepare(source);
    if (!statement.readonly && isMainThread) announceWrites(statement);
    if (!cached) {
      if (statements.size >= MAX_STATEMENTS) statements.clear();
      statements.set(source, statement);
    }
    return statement;
  }) as Database.Database["prepare"];
}

/** A statement that writes, run on the main thread, is announced to the placement thread (db/write-gate.ts). */
function announceWrites(statement: Database.Statement): void {
  const { run, get, all } = statement;
  statement.run = (...params: unknown[]) => announcedWrite(() => run.apply(statement, params));
  statement.get = (...params: unknown[]) => announcedWrite(() => get.apply(statement, params));
  statement.all = (...params: unknown[]) => announcedWrite(() => all.apply(statement, params));
}
