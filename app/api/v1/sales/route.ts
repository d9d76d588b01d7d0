import { getDb } from "@/db/client";
import { apiRoute, json, parseWith, readJson, requireApiAccess, requireJsonContentType } from "@/lib/api/http";
import { saleToJson } from "@/lib/sales/api";
import { recordStoreSale, saleInput } from "@/lib/sales/record-sale";
import { receiptPath } from "@/lib/receipts/receipts";
import { getShopSettings } from "@/lib/shop/settings";
import { publicUrl } from "@/lib/web/request";

export const dynamic = "force-dynamic";

/** A counter sale from a POS: 201 when recorded, 200 with the first result for a repeated external_id. */
export const POST = apiRoute(async (req) => {
  await requireApiAccess(req, "counter");
  requireJsonContentType(req);
  const input = parseWith(saleInput, await readJson(req));
  const db = getDb();
  const result = recordStoreSale({ db, input, source: "api" });
  const receiptUrl = result.sale.receiptToken ? publicUrl(req.headers, receiptPath(result.sale.receiptToken)) : null;
  return json({ sale: saleToJson(result, getShopSettings({ db }).timezone), receipt_url: receiptUrl }, result.created ? 201 : 200);
});
