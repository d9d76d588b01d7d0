import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { QrScanner } from "@/components/rack/qr-scanner";
import { requirePagePermission } from "@/lib/auth/session";
import { scanAction } from "../actions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rack"))("scan.title") };
}

export default async function RackScanPage() {
  await requirePagePermission("rack", "/rack/scan");
  return <QrScanner scan={scanAction} />;
}
