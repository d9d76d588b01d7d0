import { z } from "zod";
import { getDb } from "@/db/client";
import { apiRoute, json, parseWith, readJson, requireApiAccess, requireJsonContentType } from "@/lib/api/http";
import { AppError } from "@/lib/errors";
import { editOrderByStaff } from "@/lib/orders/edit-order";
import { orderEditInput } from "@/lib/orders/input";
import { rackCardToJson } from "@/lib/rack/api";
import { getRackCard } from "@/lib/rack/board";
import { getShopSettings } from "@/lib/shop/settings";

export const dynamic = "force-dynamic";

const orderId = z.coerce.number({ error: "주문 번호가 올바르지 않아요." }).int().positive("주문 번호가 올바르지 않아요.");

/**
 * Staff change a pre-order any time before hand-over: any of `pickup_date`, `slot`, `items`
 * (replaces all items), with the checks of placing it (stock and slot capacity; the cut-off
 * does not apply, as for phone orders). 200 with the order as `GET /api/v1/orders` shows it.
 */
export const PATCH = apiRoute<{ id: string }>(async (req, { params }) => {
  await requireApiAccess(req, "orders");
  const id = parseWith(orderId, (await params).id);
  requireJsonContentType(req);
  const input = parseWith(orderEditInput, await readJson(req));
  const db = getDb();
  const order = editOrderByStaff({ db, orderId: id, input, actor: { type: "api" } });
  const card = getRackCard({ db, orderId: order.id });
  if (!card) throw new AppError("not_found", { message: "order_not_found" });
  return json({ order: rackCardToJson(card, getShopSettings({ db }).timezone) });
});
