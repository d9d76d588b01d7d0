import { z } from "zod";
import { getDb } from "@/db/client";
import { PAYMENT_METHODS } from "@/db/schema";
import { apiRoute, json, parseWith, readJson, requireApiAccess, requireJsonContentType } from "@/lib/api/http";
import { loadRackBoard } from "@/lib/rack/board";
import { rackEventStream } from "@/lib/rack/live";
import { SSE_HEADERS } from "@/lib/events/sse";
import { markReady, moveOrder } from "@/lib/rack/moves";
import { isDateString } from "@/lib/shop/time";
import { numeric } from "@/lib/validation/numbers";

export const dynamic = "force-dynamic";

const query = z.object({
  date: z.string().refine(isDateString, "date_format").optional(),
  format: z.enum(["sse", "json"]).optional(),
});

/**
 * The board's live feed (server-sent events) for a staff session or a staff/owner API key;
 * `?format=json` returns one snapshot instead, for tablets whose EventSource keeps failing.
 */
export const GET = apiRoute(async (req) => {
  await requireApiAccess(req, "rack", { allowSession: true });
  const { date, format } = parseWith(query, Object.fromEntries(new URL(req.url).searchParams));
  const db = getDb();
  if (format === "json") return json(loadRackBoard({ db, date }));
  return new Response(rackEventStream({ db, date, signal: req.signal }), { headers: SSE_HEADERS });
});

const move = z.object({
  order_id: numeric(z.number().int().positive()),
  to: z.enum(["ready", "arrived", "picked_up", "no_show"]),
  rack_slot: z
    .string()
    .regex(/^[A-Z]\d{1,2}$/, "rack_slot_format")
    .optional(),
  /** `picked_up` of an unpaid order: how it was paid. */
  payment_method: z.enum(PAYMENT_METHODS).optional(),
  /** `no_show` before the slot has ended. */
  early: z.boolean().optional(),
});

/** A rack move from a device with an API key (a kiosk or scanner at the rack); staff tablets use server actions. */
export const POST = apiRoute(async (req) => {
  await requireApiAccess(req, "rack");
  requireJsonContentType(req);
  const input = parseWith(move, await readJson(req));
  const db = getDb();
  const order =
    input.to === "ready"
      ? markReady({ db, orderId: input.order_id, actor: { type: "api" }, rackSlot: input.rack_slot })
      : moveOrder({
          db,
          orderId: input.order_id,
          to: input.to,
          paymentMethod: input.payment_method,
          early: input.early,
          actor: { type: "api" },
        });
  return json({ order: { id: order.id, status: order.status, rack_slot: order.rackSlot } });
});
