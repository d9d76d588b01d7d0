/**
 * Rack slots: the shop's rack is rows (letters) × columns (numbers), e.g. "ABC" × 8 → A1…C8.
 * A bag goes on the first free slot in reading order (A1, A2 … A8, then B1 …), so staff
 * fill the rack from the top left and a glance shows how full it is.
 */
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { orders } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** Statuses during which a bag occupies its rack slot (the same set as the unique index). */
export const ON_RACK_STATUSES = ["ready", "arrived"] as const;

export type RackLayout = { rackRows: string; rackColumns: number };

/** Every slot label of a layout in fill order. Rows are the distinct letters given, upper-cased. */
export function rackSlotLabels({ rackRows, rackColumns }: RackLayout): string[] {
  const rows = [
    ...new Set(
      rackRows
        .toUpperCase()
        .replace(/[^A-Z]/g, "")
        .split(""),
    ),
  ];
  const columns = Math.max(0, Math.min(99, Math.floor(rackColumns)));
  const labels: string[] = [];
  for (const row of rows) for (let column = 1; column <= columns; column++) labels.push(`${row}${column}`);
  return labels;
}

/** The first slot of the layout not in `taken`, or null when the rack is full. */
export function nextFreeRackSlot(layout: RackLayout, taken: Iterable<string>): string | null {
  const used = new Set(taken);
  return rackSlotLabels(layout).find((label) => !used.has(label)) ?? null;
}

export function isRackSlot(layout: RackLayout, label: string): boolean {
  return rackSlotLabels(layout).includes(label);
}

/** Slots holding a bag on a pickup date. */
export function takenRackSlots({ db, pickupDate }: { db: DbOrTx; pickupDate: string }): Set<string> {
  const rows = db
    .select({ rackSlot: orders.rackSlot })
    .from(orders)
    .where(and(eq(orders.pickupDate, pickupDate), isNotNull(orders.rackSlot), inArray(orders.status, [...ON_RACK_STATUSES])))
    .all();
  return new Set(rows.map((r) => r.rackSlot!));
}

/** Pick the next free slot for a date inside the caller's transaction; `rack_full` when none is left. */
export function assignNextRackSlot({ db, pickupDate, layout }: { db: DbOrTx; pickupDate: string; layout: RackLayout }): string {
  const slot = nextFreeRackSlot(layout, takenRackSlots({ db, pickupDate }));
  if (!slot) throw new AppError("rack_full", { message: "rack_full_hint" });
  return slot;
}

/**
 * The partial unique index `orders_date_rack_slot` is the last line of defence against two
 * bags on one slot; its violation means exactly that, so it becomes `rack_slot_taken`.
 */
export function isRackSlotConflict(e: unknown): boolean {
  if (!e || typeof e !== "object") return false;
  const err = e as { code?: string; message?: string; cause?: unknown };
  if (err.code === "SQLITE_CONSTRAINT_UNIQUE" && /orders\.pickup_date, orders\.rack_slot|orders_date_rack_slot/.test(err.message ?? ""))
    return true;
  return err.cause ? isRackSlotConflict(err.cause) : false;
}
