/**
 * Compiled statements reused by SQL text. Drizzle prepares a new statement for every query it
 * runs, and compiling it was the largest single cost of placing an order (about a sixth of its
 * CPU time). A statement handed out again is reset to return plain row objects, as a fresh one
 * would. Statements are used synchronously (better-sqlite3), so one is never run twice at
 * once — except an unfinished `iterate()`, for which a fresh statement is compiled.
 */
import type Database from "better-sqlite3";
import { announceStatementWrites } from "./write-gate";

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
    announceStatementWrites(statement);
    if (!cached) {
      if (statements.size >= MAX_STATEMENTS) statements.clear();
      statements.set(source, statement);
    }
    return statement;
  }) as Database.Database["prepare"];
}
