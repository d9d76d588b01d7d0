import { getDb } from "@/db/client";
import { apiRoute, json, readJson } from "@/lib/api/http";
import { handleTossWebhook } from "@/lib/prepayment/prepay";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * Toss Payments' webhook (`PAYMENT_STATUS_CHANGED`). Unsigned by the provider, so nothing in
 * the body is believed: the payment is read back from the provider and recorded once.
 * Answers 200 for anything it could not match, so the provider stops retrying.
 */
export const POST = apiRoute(async (req) => {
  const result = await handleTossWebhook({ db: getDb(), body: await readJson(req) });
  return json({ ok: true, handled: result.handled });
});
