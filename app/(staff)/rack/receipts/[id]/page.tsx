import type { Metadata } from "next";
import { requestNow } from "@/lib/web/now";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { PrintButton } from "@/components/ui/print-button";
import { QrCode } from "@/components/ui/qr-code";
import { requirePagePermission } from "@/lib/auth/session";
import { formatDateTime, formatWon } from "@/lib/format";
import { loadReceiptBySaleId, receiptPath } from "@/lib/receipts/receipts";
import { getShopSettings } from "@/lib/shop/settings";
import { publicUrl } from "@/lib/web/request";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rack"))("receipt.title") };
}

/**
 * Receipt rolls are 58 mm or 80 mm wide. `@page` needs two lengths (`58mm auto` is invalid and
 * falls back to Letter), so a receipt is one page of the roll's width and a fixed length that
 * holds a dozen lines and the QR; the receipt never breaks inside, so one receipt is one page.
 */
const PAPER = {
  "58": { css: `@page { size: 58mm 180mm; margin: 0; }`, width: "58mm", qr: 150 },
  "80": { css: `@page { size: 80mm 200mm; margin: 0; }`, width: "80mm", qr: 190 },
} as const;

export default async function ReceiptPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ paper?: string }>;
}) {
  await requirePagePermission("counter", "/admin/counter");
  const t = await getTranslations("rack.receipt");
  const locale = await getLocale();
  const { id } = await params;
  const paperKey = (await searchParams).paper === "58" ? "58" : "80";
  const paper = PAPER[paperKey];
  const db = getDb();
  const saleId = Number(id);
  const receipt = Number.isInteger(saleId) && saleId > 0 ? loadReceiptBySaleId({ db, saleId }) : null;
  if (!receipt || !receipt.sale.receiptToken) notFound();
  const shop = getShopSettings({ db });
  const url = publicUrl(await headers(), receiptPath(receipt.sale.receiptToken));
  const claimable = !receipt.identified && requestNow() <= receipt.claimUntil;

  return (
    <div className="px-3 py-4 print:p-0">
      <style>{`${paper.css}
@media print {
  html, body { margin: 0; padding: 0; background: #fff; }
  .receipt { width: ${paper.width}; margin: 0; border: 0; border-radius: 0; box-shadow: none; break-inside: avoid; page-break-inside: avoid; break-after: auto; }
}`}</style>
      <div className="mb-4 flex flex-wrap items-center gap-2 print:hidden">
        <h1 className="mr-auto text-2xl font-bold">{t("title")}</h1>
        {(["58", "80"] as const).map((p) => (
          <Link
            key={p}
            href={`?paper=${p}`}
            aria-current={paperKey === p ? "page" : undefined}
            className={`inline-flex min-h-12 items-center rounded-xl border-2 px-4 text-lg font-semibold ${paperKey === p ? "border-ink bg-ink text-white" : "border-stone-300 bg-white"}`}
          >
            {t("paper", { paper: p })}
          </Link>
        ))}
        <PrintButton label={t("print")} />
      </div>
      <article
        className="receipt mx-auto box-border bg-white p-[3mm] font-mono text-[11px] leading-snug text-black shadow print:shadow-none"
        style={{ width: paper.width }}
        data-testid="receipt"
      >
        <header className="border-b border-dashed border-black pb-1 text-center">
          <p className="text-[13px] font-bold">{shop.name}</p>
          {shop.address && <p>{shop.address}</p>}
          {shop.phone && <p>{shop.phone}</p>}
        </header>
        <p className="mt-1 flex justify-between">
          <span>{t("sale", { id: receipt.sale.id })}</span>
          <span>{formatDateTime(receipt.sale.occurredAt, locale, shop.timezone)}</span>
        </p>
        <ul className="my-1 border-y border-dashed border-black py-1">
          {receipt.items.map((i) => (
            <li key={i.productId} className="flex justify-between gap-2">
              <span className="min-w-0 break-words">{t("line", { name: i.name, quantity: i.quantity })}</span>
              <span className="shrink-0 tabular-nums">{formatWon(i.unitPrice * i.quantity, locale)}</span>
            </li>
          ))}
        </ul>
        {receipt.sale.discount > 0 && (
          <p className="flex justify-between" data-testid="receipt-discount">
            <span>{t("discount")}</span>
            <span className="tabular-nums">−{formatWon(receipt.sale.discount, locale)}</span>
          </p>
        )}
        <p className="flex justify-between text-[13px] font-bold" data-testid="receipt-total">
          <span>{t("total")}</span>
          <span>{formatWon(receipt.sale.total, locale)}</span>
        </p>
        {receipt.identified ? (
          <p className="mt-1 text-center">
            {t("claimed")} · {t("points", { points: receipt.sale.pointsEarned })}
          </p>
        ) : claimable ? (
          <div className="mt-2 flex flex-col items-center text-center">
            <p className="font-bold">{t("scan")}</p>
            <QrCode value={url} label={t("scan")} size={paper.qr} className="my-1" />
            <p>{t("until", { date: formatDateTime(receipt.claimUntil, locale, shop.timezone) })}</p>
          </div>
        ) : null}
      </article>
    </div>
  );
}
