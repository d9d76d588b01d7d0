import { getDb } from "@/db/client";
import { apiRoute, json, requireApiAccess } from "@/lib/api/http";
import { parseEndpointId } from "@/lib/messages/webhook-api";
import { deleteWebhookEndpoint } from "@/lib/messages/webhooks";

export const dynamic = "force-dynamic";

/** Stop deliveries to it; waiting ones are dropped and the log says so. */
export const DELETE = apiRoute<{ id: string }>(async (req, { params }) => {
  await requireApiAccess(req, "settings");
  const id = parseEndpointId((await params).id);
  deleteWebhookEndpoint({ db: getDb(), id });
  return json({ ok: true });
});
