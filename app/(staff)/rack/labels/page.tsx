import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { publicOrigin } from "@/lib/web/request";
import { PrintButton } from "@/components/ui/print-button";
import { QrCode } from "@/components/ui/qr-code";
import { requirePagePermission } from "@/lib/auth/session";
import { listRackCards, loadRackBoard } from "@/lib/rack/board";
import { formatDate, formatWon } from "@/lib/format";
import { inputClass } from "@/components/ui/field";
import { isDateString, isTimeString } from "@/lib/shop/time";
import { cn } from "@/components/ui/cn";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rack"))("labels.title") };
}

/**
 * `@page` cannot be scoped to a class, so each paper gets its own sheet rules. The roll is
 * the 62 mm die-cut label: one label per 62 × 100 mm page (a size must have two lengths —
 * `62mm auto` is invalid and falls back to Letter), no break after the last label so no
 * blank page follows.
 */
const PRINT_CSS = {
  roll: `@page { size: 62mm 100mm; margin: 0; }
@media print {
  html, body { margin: 0; padding: 0; background: #fff; }
  .label-sheet { display: block; }
  .label { width: 62mm; height: 100mm; box-sizing: border-box; padding: 3mm; margin: 0; overflow: hidden; border: 0; border-radius: 0; break-after: page; page-break-after: always; break-inside: avoid; }
  .label:last-child { break-after: auto; page-break-after: auto; }
}`,
  a4: `@page { size: A4; margin: 10mm; }
@media print { .label-sheet { display: grid; grid-template-columns: repeat(3, 1fr); gap: 4mm; } .label { break-inside: avoid; border: 1px dashed #999; } }`,
};

type Search = { order?: string; date?: string; slot?: string; paper?: string };

export default async function LabelsPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requirePagePermission("rack", "/rack/labels");
  const t = await getTranslations("rack.labels");
  const locale = await getLocale();
  const params = await searchParams;
  const paper = params.paper === "a4" ? "a4" : "roll";
  const db = getDb();
  const orderId = Number(params.order);
  let cards = Number.isInteger(orderId) && orderId > 0 ? listRackCards({ db, orderIds: [orderId] }) : [];
  let date: string | null = null;
  if (!params.order) {
    const board = loadRackBoard({ db, date: isDateString(params.date) ? params.date : undefined });
    date = board.date;
    cards = board.cards.filter(
      (c) =>
        (c.status === "placed" || c.status === "ready" || c.status === "arrived") &&
        (!isTimeString(params.slot) || c.slotStart === params.slot),
    );
  }
  const origin = publicOrigin(await headers());
  const query = (p: string) =>
    `?${new URLSearchParams({ ...(params.order ? { order: params.order } : {}), ...(params.date ? { date: params.date } : {}), ...(params.slot ? { slot: params.slot } : {}), paper: p })}`;

  return (
    <div className="px-3 py-4 print:p-0">
      <style>{PRINT_CSS[paper]}</style>
      <div className="mb-4 flex flex-wrap items-center gap-2 print:hidden">
        <h1 className="mr-auto text-2xl font-bold">{t("heading", { count: cards.length })}</h1>
        <Link
          href={query("roll")}
          aria-current={paper === "roll" ? "page" : undefined}
          className={cn(
            "inline-flex min-h-12 items-center rounded-xl border-2 px-4 text-lg font-semibold",
            paper === "roll" ? "border-ink bg-ink text-white" : "border-stone-300 bg-white",
          )}
        >
          {t("roll")}
        </Link>
        <Link
          href={query("a4")}
          aria-current={paper === "a4" ? "page" : undefined}
          className={cn(
            "inline-flex min-h-12 items-center rounded-xl border-2 px-4 text-lg font-semibold",
            paper === "a4" ? "border-ink bg-ink text-white" : "border-stone-300 bg-white",
          )}
        >
          {t("a4")}
        </Link>
        <PrintButton label={t("print")} className="min-h-12 text-lg font-bold" />
      </div>
      {!params.order && date && (
        <form
          method="get"
          action="/rack/labels"
          className="mb-4 flex flex-wrap items-end gap-2 print:hidden"
          data-testid="labels-date-form"
        >
          <label className="block">
            <span className="mb-1 block text-sm font-semibold text-stone-700">{t("date")}</span>
            <input type="date" name="date" defaultValue={date} className={inputClass} />
          </label>
          <input type="hidden" name="paper" value={paper} />
          <button type="submit" className="min-h-12 rounded-xl border-2 border-stone-300 bg-white px-4 text-lg font-semibold">
            {t("show")}
          </button>
          <span className="self-center text-base text-stone-700" data-testid="labels-date">
            {t("forDate", { date: formatDate(date, locale) })}
          </span>
        </form>
      )}
      {cards.length === 0 && <p className="text-lg text-stone-700">{t("none")}</p>}
      <div className="label-sheet grid grid-cols-[repeat(auto-fill,minmax(240px,1fr))] gap-3">
        {cards.map((card) => (
          <article
            key={card.id}
            data-testid="label"
            className="label flex flex-col gap-1 rounded-lg border border-stone-300 bg-white p-3 text-black"
          >
            <div className="flex items-start justify-between gap-2">
              <div>
                <p className="font-mono text-3xl leading-none font-black">{card.code}</p>
                <p className="mt-1 text-lg font-bold">{card.customerName}</p>
                <p className="text-sm">
                  {formatDate(card.pickupDate, locale)} {card.slotStart}–{card.slotEnd}
                </p>
                <p className="text-base font-bold">{card.rackSlot ? t("rackSlot", { slot: card.rackSlot }) : t("noRackSlot")}</p>
              </div>
              <QrCode value={`${origin}/rack/orders/${card.id}`} label={t("qrLabel", { code: card.code })} size={88} />
            </div>
            <ul className="text-sm">
              {card.items.map((item, i) => (
                <li key={i}>
                  {item.name} ×{item.quantity}
                  {item.options.length > 0 && ` (${item.options.join(", ")})`}
                </li>
              ))}
            </ul>
            {card.discount > 0 && (
              <p className="text-sm font-bold" data-testid="label-discount">
                {t("discount", { discount: formatWon(card.discount, locale), total: formatWon(card.total, locale) })}
              </p>
            )}
            {card.note && <p className="text-sm italic">{card.note}</p>}
          </article>
        ))}
      </div>
    </div>
  );
}
