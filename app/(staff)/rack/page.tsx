import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { RackBoard } from "@/components/rack/rack-board";
import { rackActions } from "./action-set";
import { requirePagePermission } from "@/lib/auth/session";
import { loadRackBoard } from "@/lib/rack/board";
import { isDateString } from "@/lib/shop/time";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rack"))("meta.board") };
}

export default async function RackPage({ searchParams }: { searchParams: Promise<{ date?: string }> }) {
  await requirePagePermission("rack", "/rack");
  const { date } = await searchParams;
  const board = loadRackBoard({ db: getDb(), date: isDateString(date) ? date : undefined });
  return <RackBoard key={board.date} initial={board} actions={rackActions} />;
}
