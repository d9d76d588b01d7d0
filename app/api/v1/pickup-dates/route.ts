import { getDb } from "@/db/client";
import { apiRoute, json } from "@/lib/api/http";
import { pickupDateJson } from "@/lib/api/serializers";
import { listPickupDates } from "@/lib/storefront/listing";
import { getShopSettings } from "@/lib/shop/settings";

export const dynamic = "force-dynamic";

export const GET = apiRoute(() => {
  const db = getDb();
  const { timezone } = getShopSettings({ db });
  return json(listPickupDates({ db }).map((d) => pickupDateJson(d, timezone)));
});
