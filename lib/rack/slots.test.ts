import { describe, expect, it } from "vitest";
import { isRackSlot, isRackSlotConflict, nextFreeRackSlot, rackSlotLabels } from "./slots";

describe("rack slot layout", () => {
  it("lists rows × columns in fill order", () => {
    expect(rackSlotLabels({ rackRows: "ABC", rackColumns: 3 })).toEqual(["A1", "A2", "A3", "B1", "B2", "B3", "C1", "C2", "C3"]);
    expect(rackSlotLabels({ rackRows: "ABC", rackColumns: 8 })).toHaveLength(24);
  });

  it("ignores repeated letters, case and junk in the rows", () => {
    expect(rackSlotLabels({ rackRows: "a b,a", rackColumns: 2 })).toEqual(["A1", "A2", "B1", "B2"]);
    expect(rackSlotLabels({ rackRows: "", rackColumns: 8 })).toEqual([]);
  });

  it("knows which labels are on the rack", () => {
    expect(isRackSlot({ rackRows: "AB", rackColumns: 4 }, "B4")).toBe(true);
    expect(isRackSlot({ rackRows: "AB", rackColumns: 4 }, "C1")).toBe(false);
    expect(isRackSlot({ rackRows: "AB", rackColumns: 4 }, "A5")).toBe(false);
  });
});

describe("next free rack slot", () => {
  const layout = { rackRows: "AB", rackColumns: 3 };
  it("starts at A1", () => expect(nextFreeRackSlot(layout, [])).toBe("A1"));
  it("takes the first gap in order", () => expect(nextFreeRackSlot(layout, ["A1", "A3"])).toBe("A2"));
  it("wraps from the end of a row to the next row", () => expect(nextFreeRackSlot(layout, ["A1", "A2", "A3"])).toBe("B1"));
  it("reuses a slot freed earlier in the order", () => expect(nextFreeRackSlot(layout, ["A2", "A3", "B1", "B2"])).toBe("A1"));
  it("returns null when the rack is full", () => expect(nextFreeRackSlot(layout, ["A1", "A2", "A3", "B1", "B2", "B3"])).toBeNull());
});

describe("rack slot conflict", () => {
  it("recognises the unique index violation, also when wrapped", () => {
    const e = Object.assign(new Error("UNIQUE constraint failed: orders.pickup_date, orders.rack_slot"), {
      code: "SQLITE_CONSTRAINT_UNIQUE",
    });
    expect(isRackSlotConflict(e)).toBe(true);
    expect(isRackSlotConflict(Object.assign(new Error("Failed query"), { cause: e }))).toBe(true);
    expect(
      isRackSlotConflict(Object.assign(new Error("UNIQUE constraint failed: orders.token"), { code: "SQLITE_CONSTRAINT_UNIQUE" })),
    ).toBe(false);
  });
});
