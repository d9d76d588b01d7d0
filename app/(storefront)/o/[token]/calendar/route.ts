import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { publicUrl } from "@/lib/web/request";
import { pickupIcs } from "@/lib/storefront/ics";
import { customerOrderView } from "@/lib/storefront/order-view";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** "캘린더에 추가": the pickup window as an .ics file, in the shop's time zone. */
export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const order = customerOrderView({ db: getDb(), token });
  if (!order) return new Response("Not found", { status: 404 });
  const t = await getTranslations("storefront");
  const url = publicUrl(req.headers, `/o/${order.token}`);
  const body = pickupIcs({
    uid: `order-${order.id}-${order.code}@dangol`,
    pickupDate: order.pickupDate,
    slotStart: order.slotStart,
    slotEnd: order.slotEnd,
    timezone: order.shop.timezone,
    title: t("icsTitle", { shop: order.shop.name, code: order.code }),
    description: t("icsDescription", { code: order.code, url }),
    location: order.shop.address,
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="pickup-${order.pickupDate}-${order.code}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
