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

  it("announces a transaction for its whole length, its reads included", () => {
    const inside = db.transaction(() => (db.$client.prepare("SELECT gate_now() AS v").get() as { v: number }).v);
    expect(inside).toBe(1);
    expect(Atomics.load(gate, 0)).toBe(0);
  });
});
