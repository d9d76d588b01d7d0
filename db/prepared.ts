/**
 * Drizzle queries built once per connection. Building a query's SQL text from the query
 * builder costs more CPU than SQLite spends running a small indexed read, and placing an order
 * runs a few dozen of them. A query the hot paths run again and again is built once, with
 * `sql.placeholder(…)` for what changes, and kept per connection: the transaction handle and
 * the database share it (a prepared query runs on the connection, inside whatever
 * transaction is open on it).
 */
import type Database from "better-sqlite3";
import { getTableColumns, sql, type Column, type Placeholder, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { DbOrTx } from "./client";

const byConnection = new WeakMap<object, Map<string, unknown>>();

/** The drizzle session both `db` and every transaction on it run through. */
function connectionOf(db: DbOrTx): object {
  return (db as unknown as { session?: object }).session ?? db;
}

/**
 * The query `build` makes, built the first time `name` is asked for on this connection.
 * `name` must be unique to the call site, and `build` must depend on nothing but `db`: every
 * value that changes is a placeholder.
 */
export function preparedQuery<Q>(db: DbOrTx, name: string, build: (db: DbOrTx) => Q): Q {
  const connection = connectionOf(db);
  let queries = byConnection.get(connection);
  if (!queries) byConnection.set(connection, (queries = new Map()));
  let query = queries.get(name) as Q | undefined;
  if (query === undefined) queries.set(name, (query = build(db)));
  return query;
}

/**
 * The better-sqlite3 connection under `db` or a transaction on it, for hand-written SQL on a
 * hot path: its statements are compiled once per SQL text (db/statement-cache.ts).
 */
export function sqliteOf(db: DbOrTx): Database.Database {
  return (db as unknown as { session: { client: Database.Database } }).session.client;
}

/** `column IN (the ids of placeholder `name`)`, the ids passed as a JSON array: one statement for any number of them. */
export function inJsonList(column: Column, name: string): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${sql.placeholder(name)}))`;
}

/**
 * `{ key: sql.placeholder(key) }` for every key of `values`: the values of an insert built once
 * (`preparedQuery`) for rows of exactly this shape, run with `values` itself. Every key must be
 * present on every call (null, never undefined), as a column left out takes its default.
 */
export function placeholdersFor<T extends Record<string, unknown>>(values: T): { [K in keyof T]: Placeholder } {
  return Object.fromEntries(Object.keys(values).map((key) => [key, sql.placeholder(key)])) as { [K in keyof T]: Placeholder };
}

/** `values` without its undefined keys, and the statement name for that set of columns. */
function definedColumns(name: string, values: Record<string, unknown>): { key: string; row: Record<string, unknown> } {
  const row: Record<string, unknown> = {};
  for (const k in values) if (values[k] !== undefined) row[k] = values[k];
  return { key: `${name}(${Object.keys(row).join(",")})`, row };
}

/**
 * The statement is built once, so what drizzle would work out per insert is frozen into it: a
 * `$defaultFn`/`$onUpdateFn` would run once and its value would be reused for every row. Such
 * tables are refused. A null bound to a placeholder is still encoded by its column (a JSON
 * column stores the text "null", a boolean-mode one 0), so pass null only to plain columns.
 */
function assertPreparable(table: SQLiteTable): void {
  for (const [name, column] of Object.entries(getTableColumns(table)) as [string, Column][])
    if (column.defaultFn || column.onUpdateFn) throw new Error(`${name}: a column computed per insert cannot be prepared once`);
}

/**
 * `db.insert(table).values(values).returning().get()` through a statement built once per
 * connection for that set of columns (a column left undefined takes its default, as in drizzle).
 * See assertPreparable for the tables and values it takes.
 */
export function insertReturning<T extends SQLiteTable>(db: DbOrTx, name: string, table: T, values: T["$inferInsert"]): T["$inferSelect"] {
  const { key, row } = definedColumns(name, values as Record<string, unknown>);
  return preparedQuery(db, key, (q) => {
    assertPreparable(table);
    return q
      .insert(table)
      .values(placeholdersFor(row) as T["$inferInsert"])
      .returning()
      .prepare();
  }).get(row) as T["$inferSelect"];
}

/** Each of `rows` as `db.insert(table).values(row)` (optionally `.onConflictDoNothing()`), built once per connection for each set of columns. Same caveat as insertReturning. */
export function insertRows<T extends SQLiteTable>(
  db: DbOrTx,
  name: string,
  table: T,
  rows: readonly T["$inferInsert"][],
  { onConflictDoNothing = false }: { onConflictDoNothing?: boolean } = {},
): void {
  for (const values of rows) {
    const { key, row } = definedColumns(`${name}${onConflictDoNothing ? ":or-ignore" : ""}`, values as Record<string, unknown>);
    preparedQuery(db, key, (q) => {
      assertPreparable(table);
      const insert = q.insert(table).values(placeholdersFor(row) as T["$inferInsert"]);
      return (onConflictDoNothing ? insert.onConflictDoNothing() : insert).prepare();
    }).run(row);
  }
}
