import { getDb } from "@/db/client";
import { apiRoute, json, parseWith, readJson, requireApiAccess, requireJsonContentType } from "@/lib/api/http";
import { webhookEndpointJson } from "@/lib/messages/webhook-api";
import { createWebhookEndpoint, listWebhookEndpoints, webhookInput } from "@/lib/messages/webhooks";
import { getShopSettings } from "@/lib/shop/settings";

export const dynamic = "force-dynamic";

/** The webhook endpoints, never their secrets. */
export const GET = apiRoute(async (req) => {
  await requireApiAccess(req, "settings");
  const db = getDb();
  const timeZone = getShopSettings({ db }).timezone;
  return json(listWebhookEndpoints({ db }).map((e) => webhookEndpointJson(e, timeZone)));
});

/** Add an endpoint: 201 with its `whsec_…` secret, shown this once. */
export const POST = apiRoute(async (req) => {
  await requireApiAccess(req, "settings");
  requireJsonContentType(req);
  const input = parseWith(webhookInput, await readJson(req));
  return json(createWebhookEndpoint({ db: getDb(), input }), 201);
});
