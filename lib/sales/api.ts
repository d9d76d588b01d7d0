/** The JSON shape of a counter sale in API v1 (snake_case, ISO instants with the shop's offset). */
import { isoInZone } from "@/lib/shop/time";
import type { RecordedSale } from "./record-sale";

export function saleToJson({ sale, items }: Pick<RecordedSale, "sale" | "items">, timeZone: string) {
  return {
    id: sale.id,
    external_id: sale.externalId,
    occurred_at: isoInZone(sale.occurredAt, timeZone),
    sale_date: sale.saleDate,
    total: sale.total,
    discount: sale.discount,
    points_earned: sale.pointsEarned,
    customer: sale.customerId ? { id: sale.customerId } : null,
    items: items.map((i) => ({ product_id: i.productId, name: i.name, unit_price: i.unitPrice, quantity: i.quantity, excess: i.excess })),
  };
}
