import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { OrderDetail } from "@/components/rack/order-detail";
import { requirePagePermission } from "@/lib/auth/session";
import { getRackCard } from "@/lib/rack/board";
import { rackSlotLabels, takenRackSlots } from "@/lib/rack/slots";
import { getShopSettings } from "@/lib/shop/settings";
import { requestNow } from "@/lib/web/now";
import { rackActions } from "@/app/(staff)/rack/action-set";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rack"))("meta.order") };
}

export default async function RackOrderPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ scanned?: string }>;
}) {
  const { id } = await params;
  await requirePagePermission("rack", `/rack/orders/${id}`);
  const orderId = Number(id);
  const db = getDb();
  const card = Number.isInteger(orderId) && orderId > 0 ? getRackCard({ db, orderId }) : undefined;
  if (!card) notFound();
  const taken = takenRackSlots({ db, pickupDate: card.pickupDate });
  const settings = getShopSettings({ db });
  const freeSlots = rackSlotLabels(settings).filter((s) => !taken.has(s));
  const { scanned } = await searchParams;
  return (
    <OrderDetail
      key={`${card.id}-${card.status}-${card.rackSlot}`}
      card={card}
      freeSlots={freeSlots}
      serverNow={requestNow()}
      timezone={settings.timezone}
      scannedArrived={scanned === "arrived"}
      actions={rackActions}
    />
  );
}
