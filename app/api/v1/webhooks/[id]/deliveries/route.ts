import { getDb } from "@/db/client";
import { apiRoute, json, requireApiAccess } from "@/lib/api/http";
import { deliveryJson, parseEndpointId } from "@/lib/messages/webhook-api";
import { listDeliveries } from "@/lib/messages/webhooks";
import { getShopSettings } from "@/lib/shop/settings";

export const dynamic = "force-dynamic";

/** Recent deliveries to the endpoint, newest first. */
export const GET = apiRoute<{ id: string }>(async (req, { params }) => {
  await requireApiAccess(req, "settings");
  const id = parseEndpointId((await params).id);
  const db = getDb();
  const timeZone = getShopSettings({ db }).timezone;
  return json(listDeliveries({ db, endpointId: id }).map((d) => deliveryJson(d, timeZone)));
});
