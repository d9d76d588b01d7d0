import { getDb } from "@/db/client";
import { apiRoute, json } from "@/lib/api/http";
import { customerOrderJson } from "@/lib/api/serializers";
import { AppError } from "@/lib/errors";
import { customerCancelDeadline, findOrderByToken } from "@/lib/orders/customer-actions";
import { getOrderDetail } from "@/lib/orders/order-detail";
import { getShopSettings } from "@/lib/shop/settings";

export const dynamic = "force-dynamic";

/** The token is the only credential: it opens this one order and nothing else. */
export const GET = apiRoute<{ token: string }>(async (_req, { params }) => {
  const { token } = await params;
  const db = getDb();
  const order = findOrderByToken({ db, token });
  if (!order) throw new AppError("not_found", { message: "order_not_found" });
  const deadline = customerCancelDeadline({ db, order });
  const cancellableUntil = order.status === "placed" && Date.now() < deadline ? deadline : null;
  return json(customerOrderJson(getOrderDetail({ db, order }), { timeZone: getShopSettings({ db }).timezone, cancellableUntil }));
});
