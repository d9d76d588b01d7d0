import type { Db } from "@/db/client";
import { pickupSlots, shopSettings } from "@/db/schema";
import { createUser, type PublicUser } from "@/lib/auth/users";
import { ensureConsentTexts } from "@/lib/customers/consent";
import { AppError } from "@/lib/errors";
import { isSetUp } from "@/lib/shop/settings";

export type SetupInput = {
  shopName: string;
  ownerName?: string;
  email: string;
  password: string;
  opensTime?: string;
  cutoffTime?: string;
  slotCapacity?: number;
};

/** Morning-to-evening hourly windows, every day but Monday: a neighbourhood bakery's week. */
export const DEFAULT_SLOT_TIMES: readonly [string, string][] = [
  ["09:00", "10:00"],
  ["10:00", "11:00"],
  ["11:00", "12:00"],
  ["12:00", "13:00"],
  ["14:00", "15:00"],
  ["15:00", "16:00"],
  ["17:00", "18:00"],
  ["18:00", "19:00"],
];

/**
 * First-run setup: the shop, its owner and default pickup rules, in one transaction.
 * Refused once an owner exists — `/setup` is gone for good after this.
 */
export function createShop({ db, input }: { db: Db; input: SetupInput }): PublicUser {
  return db.transaction(
    (tx) => {
      if (isSetUp({ db: tx })) throw new AppError("already_set_up");
      const name = input.shopName.trim();
      if (!name || name.length > 60)
        throw new AppError("validation", { message: "shop_name_too_long", fields: { shopName: "shop_name_required" } });
      tx.insert(shopSettings)
        .values({
          id: 1,
          name,
          opensTime: input.opensTime ?? "18:00",
          cutoffTime: input.cutoffTime ?? "21:00",
          closedWeekdays: [1],
        })
        .onConflictDoUpdate({ target: shopSettings.id, set: { name } })
        .run();
      const capacity = input.slotCapacity ?? 10;
      const existingSlots = tx.select({ id: pickupSlots.id }).from(pickupSlots).limit(1).get();
      if (!existingSlots) {
        const rows = [];
        for (let weekday = 0; weekday < 7; weekday++) {
          for (const [startTime, endTime] of DEFAULT_SLOT_TIMES) rows.push({ weekday, startTime, endTime, capacity });
        }
        tx.insert(pickupSlots).values(rows).run();
      }
      ensureConsentTexts({ db: tx });
      return createUser({ db: tx, email: input.email, password: input.password, role: "owner", name: input.ownerName });
    },
    { behavior: "immediate" },
  );
}
