import { z } from "zod";
import { getDb } from "@/db/client";
import { apiRoute, json, parseWith, requireApiAccess } from "@/lib/api/http";
import { rackCardToJson } from "@/lib/rack/api";
import { listRackCards } from "@/lib/rack/board";
import { getShopSettings } from "@/lib/shop/settings";
import { isDateString } from "@/lib/shop/time";

export const dynamic = "force-dynamic";

const query = z.object({ pickup_date: z.string({ error: "pickup_date_query_required" }).refine(isDateString, "pickup_date_format") });

/** The day's pre-orders (cancelled ones left out) with status and rack slot. */
export const GET = apiRoute(async (req) => {
  await requireApiAccess(req, "orders");
  const { pickup_date } = parseWith(query, Object.fromEntries(new URL(req.url).searchParams));
  const db = getDb();
  const timeZone = getShopSettings({ db }).timezone;
  const orders = listRackCards({ db, date: pickup_date }).map((card) => rackCardToJson(card, timeZone));
  return json({ pickup_date, orders });
});
