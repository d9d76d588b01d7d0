import { z } from "zod";
import { apiRoute, clientAddress, errorResponse, json, parseWith, readBody, requireJsonContentType } from "@/lib/api/http";
import { rateLimitOrdersPerMinute, retryAfterSeconds, STOREFRONT_ORDERS_BUCKET, takeToken } from "@/lib/api/rate-limit";
import { placedOrderJson } from "@/lib/api/serializers";
import { AppError } from "@/lib/errors";
import { placeOrderOffThread } from "@/lib/orders/placement-thread";
import { publicOrigin } from "@/lib/web/request";

export const dynamic = "force-dynamic";

const idempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, "idempotency_key_format")
  .nullable();
const idempotencyHeader = z.object({ "Idempotency-Key": idempotencyKey });

export const POST = apiRoute(async (req) => {
  // Every attempt counts, refused ones too: the limit is there to slow down a flood.
  const client = clientAddress(req);
  if (!takeToken({ bucket: STOREFRONT_ORDERS_BUCKET, client, limit: rateLimitOrdersPerMinute() })) {
    const res = errorResponse(new AppError("rate_limited"), req);
    res.headers.set("Retry-After", String(retryAfterSeconds({ bucket: STOREFRONT_ORDERS_BUCKET, client })));
    return res;
  }
  requireJsonContentType(req);
  const key = parseWith(idempotencyHeader, { "Idempotency-Key": req.headers.get("idempotency-key") })["Idempotency-Key"];
  // The body is parsed and validated where the order is placed (lib/orders/placement-thread.ts).
  const text = await readBody(req);

  const { order, created } = await placeOrderOffThread({ json: text, channel: "web", idempotencyKey: key });
  const body = placedOrderJson(order, publicOrigin(req.headers));
  return created ? json(body, 201, { Location: body.order.url }) : json(body, 200, { "Idempotent-Replayed": "true" });
});
