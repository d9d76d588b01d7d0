import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { preparedQuery } from "@/db/prepared";
import { closedDates, pickupSlots, shopSettings, users, type ShopSettings } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { SlotRule } from "@/lib/pickup/schedule";

/** The shop's settings row; throws `not_found` before first-run setup. */
export function getShopSettings({ db }: { db: DbOrTx }): ShopSettings {
  const row = findShopSettings({ db });
  if (!row) throw new AppError("not_found", { message: "shop_not_set_up" });
  return row;
}

export function findShopSettings({ db }: { db: DbOrTx }): ShopSettings | undefined {
  return preparedQuery(db, "shop.settings", (q) => q.select().from(shopSettings).where(eq(shopSettings.id, 1)).prepare()).get();
}

/** True once the first-run page has created the shop and its owner. */
export function isSetUp({ db }: { db: DbOrTx }): boolean {
  return !!db.select({ id: users.id }).from(users).where(eq(users.role, "owner")).limit(1).get();
}

export function listSlotRules({ db }: { db: DbOrTx }): SlotRule[] {
  return preparedQuery(db, "shop.slots", (q) => q.select().from(pickupSlots).prepare()).all();
}

export function listClosedDates({ db }: { db: DbOrTx }): Set<string> {
  return new Set(
    preparedQuery(db, "shop.closed-dates", (q) => q.select({ date: closedDates.date }).from(closedDates).prepare())
      .all()
      .map((r) => r.date),
  );
}

/** Settings, slots and closed dates together: everything the schedule rules need. */
export function loadSchedule({ db }: { db: DbOrTx }) {
  return { settings: getShopSettings({ db }), slots: listSlotRules({ db }), closedDates: listClosedDates({ db }) };
}
