import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { StockCountForm } from "@/components/metrics/stock-count-form";
import { requirePagePermission } from "@/lib/auth/session";
import { formatDate, formatDateTime } from "@/lib/format";
import { getShopSettings } from "@/lib/shop/settings";
import { localDate } from "@/lib/shop/time";
import { listCountableProducts, listStockCounts, listStockDiscrepancies } from "@/lib/stock/counts";
import { requestNow } from "@/lib/web/now";
import { recordStockCountAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function StockCountsPage() {
  await requirePagePermission("stock_counts", "/admin/stock");
  const t = await getTranslations("metrics.stock");
  const locale = await getLocale();
  const db = getDb();
  const timeZone = getShopSettings({ db }).timezone;
  const counts = listStockCounts({ db, limit: 100 });
  const discrepancies = listStockDiscrepancies({ db, limit: 50 });
  return (
    <div className="max-w-5xl space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-stone-600">{t("intro")}</p>
      </header>
      <section className="rounded-2xl border border-stone-200 bg-white p-5">
        <StockCountForm
          products={listCountableProducts({ db })}
          today={localDate(requestNow(), timeZone)}
          action={recordStockCountAction}
        />
      </section>
      {discrepancies.length > 0 && (
        <section aria-labelledby="discrepancies" className="space-y-2">
          <h2 id="discrepancies" className="text-xl font-bold">
            {t("discrepancies.title")}
          </h2>
          <p className="text-stone-600">{t("discrepancies.intro")}</p>
          <div className="overflow-x-auto rounded-2xl border border-amber-300 bg-amber-50">
            <table className="w-full text-left text-sm" data-testid="stock-discrepancies">
              <thead className="text-stone-700">
                <tr>
                  {(["occurredAt", "kind", "product", "date", "quantity", "excess"] as const).map((c) => (
                    <th key={c} scope="col" className="px-3 py-2 font-semibold">
                      {t(`discrepancies.columns.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {discrepancies.map((d) => (
                  <tr key={`${d.ref}-${d.productName}`} className="border-t border-amber-200">
                    <td className="px-3 py-2">{formatDateTime(d.occurredAt, locale, timeZone)}</td>
                    <td className="px-3 py-2">
                      {t(`discrepancies.kind.${d.ref.startsWith("exchange-") ? "exchange" : "sale"}`, { id: d.ref.split("-")[1] })}
                    </td>
                    <td className="px-3 py-2 font-semibold">{d.productName}</td>
                    <td className="px-3 py-2">{formatDate(d.date, locale)}</td>
                    <td className="px-3 py-2 tabular-nums">{d.quantity}</td>
                    <td className="px-3 py-2 font-semibold text-red-800 tabular-nums">+{d.excess}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <section aria-labelledby="counts" className="space-y-2">
        <h2 id="counts" className="text-xl font-bold">
          {t("list")}
        </h2>
        {counts.length === 0 ? (
          <p className="text-stone-600">{t("empty")}</p>
        ) : (
          <div className="overflow-x-auto rounded-2xl border border-stone-200 bg-white">
            <table className="w-full text-left text-sm" data-testid="stock-counts">
              <thead className="bg-stone-50 text-stone-700">
                <tr>
                  {(["countedAt", "product", "date", "counted", "system", "diff", "user"] as const).map((c) => (
                    <th key={c} scope="col" className="px-3 py-2 font-semibold">
                      {t(`columns.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {counts.map((c) => {
                  const diff = c.counted - c.systemAvailable;
                  return (
                    <tr key={c.id} className="border-t border-stone-100">
                      <td className="px-3 py-2">{formatDateTime(c.countedAt, locale, timeZone)}</td>
                      <td className="px-3 py-2 font-semibold">{c.productName}</td>
                      <td className="px-3 py-2">{formatDate(c.date, locale)}</td>
                      <td className="px-3 py-2 tabular-nums">{c.counted}</td>
                      <td className="px-3 py-2 tabular-nums">{c.systemAvailable}</td>
                      <td className="px-3 py-2">
                        {diff === 0 ? (
                          <span className="text-green-800">✓ {t("match")}</span>
                        ) : (
                          <span className="text-red-800">
                            ✗ {t("mismatch")} ({diff > 0 ? `+${diff}` : diff})
                          </span>
                        )}
                      </td>
                      <td className="px-3 py-2">{c.userName ?? "—"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
