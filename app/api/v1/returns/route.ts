import { getDb } from "@/db/client";
import { apiRoute, json, readJson, requireApiAccess, requireJsonContentType } from "@/lib/api/http";
import { recordReturn, returnToJson } from "@/lib/returns/returns";
import { getShopSettings } from "@/lib/shop/settings";
import { isoInZone } from "@/lib/shop/time";

export const dynamic = "force-dynamic";

/** A return or exchange from a POS (staff or owner key): 201 when recorded, 200 with the first result for a repeated external_id. */
export const POST = apiRoute(async (req) => {
  await requireApiAccess(req, "counter");
  requireJsonContentType(req);
  const db = getDb();
  const result = recordReturn({ db, input: await readJson(req), source: "api" });
  const timeZone = getShopSettings({ db }).timezone;
  return json({ return: returnToJson(result, (ms) => isoInZone(ms, timeZone)) }, result.created ? 201 : 200);
});
