/**
 * Saving the shop's details (lib/shop/details.ts) where the time zone may change. Every
 * purchase then falls on another shop-local day: the purchase sequence, the day sums and the
 * rollups the metrics read are rebuilt in the same transaction, as `rebuild-metrics` does.
 */
import type { Db } from "@/db/client";
import type { ShopSettings } from "@/db/schema";
import { updateShopDetails } from "@/lib/shop/details";
import { findShopSettings } from "@/lib/shop/settings";
import { rebuildPurchaseSequence } from "./sequence";

export function saveShopDetails({ db, input, now }: { db: Db; input: unknown; now?: number }): ShopSettings {
  return db.$client
    .transaction(() => {
      const before = findShopSettings({ db });
      const row = updateShopDetails({ db, input, now });
      if (before && before.timezone !== row.timezone) rebuildPurchaseSequence({ db });
      return row;
    })
    .immediate();
}
