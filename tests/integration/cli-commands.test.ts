/**
 * The admin CLI as an operator runs it: a child process on a temp database file.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { cliArgs } from "../helpers/node";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, openDatabase, type Db } from "@/db/client";
import { runMigrations } from "@/db/migrate";
import { verifyApiKey } from "@/lib/auth/api-keys";
import { authenticate } from "@/lib/auth/users";

function cli(dbPath: string, ...args: string[]) {
  const r = spawnSync(process.execPath, cliArgs(...args), { env: { ...process.env, DATABASE_PATH: dbPath }, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
let dbPath: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dangol-cli-"));
  dbPath = path.join(dir, "shop.db");
});
afterAll(() => {
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

function withDb<T>(fn: (db: Db) => T): T {
  const db = openDatabase(dbPath);
  try {
    runMigrations(db);
    return fn(db);
  } finally {
    db.$client.close();
  }
}

async function withDbAsync<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = openDatabase(dbPath);
  try {
    runMigrations(db);
    return await fn(db);
  } finally {
    db.$client.close();
  }
}

describe("admin CLI", () => {
  it("refuses bad arguments with a Korean message, the usage line and a non-zero exit", () => {
    const unknownCommand = cli(dbPath, "make-coffee");
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain("알 수 없는 명령이에요: make-coffee");

    const badRole = cli(dbPath, "create-user", "--role", "boss", "--email", "a@b.kr", "--password", "long-enough-1");
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain("owner 또는 staff");
    expect(badRole.stderr).toContain("사용법: npm run cli -- create-user --role owner|staff");

    const missing = cli(dbPath, "create-api-key");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--name 값을 적어 주세요.");

    const unknownFlag = cli(dbPath, "backup", "--too", "x.db");
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toContain("알 수 없는 옵션이에요: --too");
  });

  it("refuses to create an owner before the shop exists", () => {
    const r = cli(dbPath, "create-user", "--role", "owner", "--email", "early@example.com", "--password", "long-enough-1");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("가게가 아직 만들어지지 않았어요");
    expect(withDb((db) => db.$client.prepare("select count(*) as n from users").get())).toEqual({ n: 0 });
  });

  it("seed-demo creates the demo shop and its data once, and refuses a second time", async () => {
    const first = cli(dbPath, "seed-demo");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("단골 베이커리 (데모)");
    const password = /demo@dangol\.local \/ (\S+)/.exec(first.stdout)?.[1];
    expect(password).toBeTruthy();
    const counts = await withDbAsync(async (db) => {
      expect((await authenticate({ db, email: "demo@dangol.local", password: password! }))?.role).toBe("owner");
      return db.$client.prepare("select (select count(*) from products) as products, (select count(*) from orders) as orders").get() as {
        products: number;
        orders: number;
      };
    });
    expect(counts.products).toBe(12);
    expect(first.stdout).toContain(`픽업 주문 ${counts.orders}건`);

    const second = cli(dbPath, "seed-demo");
    expect(second.code).toBe(1);
    expect(second.stderr).toContain("이미 상품이나 주문이 있어서");
    expect(withDb((db) => db.$client.prepare("select count(*) as n from products").get())).toEqual({ n: 12 });
  });

  it("create-user makes an account that can sign in; a taken email is refused", async () => {
    const r = cli(
      dbPath,
      "create-user",
      "--role",
      "staff",
      "--email",
      "Mina@Example.com",
      "--password",
      "bread-and-butter-7",
      "--name",
      "김민아",
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("직원 계정을 만들었어요: mina@example.com");
    await withDbAsync(async (db) => {
      const user = await authenticate({ db, email: "mina@example.com", password: "bread-and-butter-7" });
      expect(user).toMatchObject({ role: "staff", name: "김민아" });
      expect(await authenticate({ db, email: "mina@example.com", password: "wrong-password-1" })).toBeNull();
    });

    const again = cli(dbPath, "create-user", "--role", "staff", "--email", "mina@example.com", "--password", "bread-and-butter-7");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("이미 쓰이고 있는 이메일이에요.");
    const short = cli(dbPath, "create-user", "--role", "staff", "--email", "new@example.com", "--password", "123");
    expect(short.code).toBe(1);
    expect(short.stderr).toContain("비밀번호는");
  });

  it("create-api-key prints a key once that verifyApiKey accepts with its scope", () => {
    const r = cli(dbPath, "create-api-key", "--name", "카운터 POS", "--scope", "staff");
    expect(r.code).toBe(0);
    const key = r.stdout.trim().split("\n").at(-1)!;
    expect(key).toMatch(/^dg_[A-Za-z0-9_-]{20,}$/);
    withDb((db) => {
      expect(verifyApiKey({ db, key })).toMatchObject({ scope: "staff" });
      expect(verifyApiKey({ db, key: key + "x" })).toBeNull();
      // Only the hash is stored.
      const stored = new Database(dbPath, { readonly: true });
      expect(JSON.stringify(stored.prepare("select * from api_keys").all())).not.toContain(key);
      stored.close();
    });
  });

  it("help lists every command", () => {
    const r = cli(dbPath, "help");
    expect(r.code).toBe(0);
    for (const name of ["create-user", "create-api-key", "seed-demo", "backup", "restore"])
      expect(r.stdout).toContain(`npm run cli -- ${name}`);
  });
});
