import { getDb } from "@/db/client";
import { apiRoute, json, parseWith, readJson, requireJsonContentType } from "@/lib/api/http";
import { customerOrderJson } from "@/lib/api/serializers";
import { AppError } from "@/lib/errors";
import { customerCancelDeadline, findOrderByToken } from "@/lib/orders/customer-actions";
import { editOrderByCustomer } from "@/lib/orders/edit-order";
import { orderEditInput } from "@/lib/orders/input";
import { getOrderDetail } from "@/lib/orders/order-detail";
import { getShopSettings } from "@/lib/shop/settings";

export const dynamic = "force-dynamic";

/** The token is the only credential: it opens this one order and nothing else. */
export const GET = apiRoute<{ token: string }>(async (_req, { params }) => {
  const { token } = await params;
  const db = getDb();
  const order = findOrderByToken({ db, token });
  if (!order) throw new AppError("not_found", { message: "order_not_found" });
  return json(orderBody(db, order));
});

/**
 * The customer changes their order before its cut-off: any of `pickup_date`, `slot`, `items`
 * (replaces all items), with the same rules and in one transaction as placing it. 200 with
 * the order; nothing changes on failure.
 */
export const PATCH = apiRoute<{ token: string }>(async (req, { params }) => {
  const { token } = await params;
  requireJsonContentType(req);
  const input = parseWith(orderEditInput, await readJson(req));
  const db = getDb();
  const order = editOrderByCustomer({ db, token, input });
  return json(orderBody(db, order));
});

function orderBody(db: ReturnType<typeof getDb>, order: NonNullable<ReturnType<typeof findOrderByToken>>) {
  const deadline = customerCancelDeadline({ db, order });
  const cancellableUntil = order.status === "placed" && Date.now() < deadline ? deadline : null;
  return customerOrderJson(getOrderDetail({ db, order }), { timeZone: getShopSettings({ db }).timezone, cancellableUntil });
}
