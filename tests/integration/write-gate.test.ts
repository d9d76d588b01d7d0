import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { freshDb } from "@/tests/helpers/db";
import { announcedWrite, openWriteGate } from "@/db/write-gate";

let db: Db;
let gate: Int32Array;

beforeEach(() => {
  db = freshDb();
  gate = new Int32Array(openWriteGate());
  // What the counter reads while SQLite runs a statement.
  db.$client.function("gate_now", () => Atomics.load(gate, 0));
  db.$client.exec("CREATE TEMP TABLE seen (v INTEGER)");
});

describe("the write gate", () => {
  it("counts a write for its whole length, and again after it threw", () => {
    expect(announcedWrite(() => Atomics.load(gate, 0))).toBe(1);
    expect(() =>
      announcedWrite(() => {
        throw new Error("refused");
      }),
    ).toThrow("refused");
    expect(Atomics.load(gate, 0)).toBe(0);
  });

  it("announces every statement that writes, and no read", () => {
    db.$client.prepare("INSERT INTO seen VALUES (gate_now())").run();
    expect(db.$client.prepare("SELECT gate_now() AS v").get()).toEqual({ v: 0 });
    // A statement handed out again by the statement cache is announced too.
    db.$client.prepare("INSERT INTO seen VALUES (gate_now())").run();
    expect(db.$client.prepare("SELECT v FROM seen").all()).toEqual([{ v: 1 }, { v: 1 }]);
    expect(Atomics.load(gate, 0)).toBe(0);
  });

  it("announces a transaction that takes the write lock when it begins, not a deferred one", () => {
    const now = () => (db.$client.prepare("SELECT gate_now() AS v").get() as { v: number }).v;
    expect(db.transaction(now, { behavior: "immediate" })).toBe(1);
    expect(db.$client.transaction(now).immediate()).toBe(1);
    expect(db.$client.transaction(now).exclusive()).toBe(1);
    // A read snapshot (the dashboard's) never holds the placement thread back.
    expect(db.$client.transaction(now).deferred()).toBe(0);
    expect(db.transaction(now)).toBe(0);
    // Its writes are announced one by one.
    db.transaction(() => db.$client.prepare("INSERT INTO seen VALUES (gate_now())").run());
    expect(db.$client.prepare("SELECT v FROM seen").all()).toEqual([{ v: 1 }]);
    expect(Atomics.load(gate, 0)).toBe(0);
  });

  it("announces a write with RETURNING, and one compiled again while the cached statement is busy", () => {
    const text = "INSERT INTO seen VALUES (gate_now()) RETURNING v";
    expect(db.$client.prepare(text).get()).toEqual({ v: 1 });
    // The cached statement, left mid-way (iterate is not announced: nothing iterates over a
    // write), is busy: the cache compiles a fresh one for the same text, announced as well.
    const busy = db.$client.prepare(text).iterate();
    busy.next();
    expect(db.$client.prepare(text).get()).toEqual({ v: 1 });
    busy.return?.();
    expect(Atomics.load(gate, 0)).toBe(0);
  });
});
