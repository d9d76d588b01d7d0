import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { Notice } from "@/components/ui/notice";
import { requirePagePermission } from "@/lib/auth/session";
import { errorSentence, isAppError } from "@/lib/errors";
import { resolveLocale } from "@/i18n/messages";
import { formatDate, formatDateTime, formatWon } from "@/lib/format";
import { DRILLDOWN_KEYS, drilldown, type DrilldownKey } from "@/lib/metrics/drilldown";
import { rangeFromSearch } from "@/lib/metrics/presets";
import { resolveRange } from "@/lib/metrics/range";
import { getShopSettings } from "@/lib/shop/settings";
import { localDate } from "@/lib/shop/time";
import { requestNow } from "@/lib/web/now";

export const dynamic = "force-dynamic";

export default async function MetricDrilldownPage({
  params,
  searchParams,
}: {
  params: Promise<{ metric: string }>;
  searchParams: Promise<{ range?: string; from?: string; to?: string }>;
}) {
  const { metric } = await params;
  await requirePagePermission("metrics", `/admin/metrics/${metric}`);
  if (!(DRILLDOWN_KEYS as readonly string[]).includes(metric)) notFound();
  const t = await getTranslations("metrics");
  const locale = await getLocale();
  const db = getDb();
  const timeZone = getShopSettings({ db }).timezone;
  const now = requestNow();
  const chosen = rangeFromSearch(await searchParams, localDate(now, timeZone));
  const back = `/admin/metrics?from=${chosen.from}&to=${chosen.to}`;
  let rows;
  try {
    rows = drilldown({ db, range: resolveRange({ from: chosen.from, to: chosen.to, now, timeZone }), metric: metric as DrilldownKey });
  } catch (e) {
    if (!isAppError(e)) throw e;
    return <Notice testId="drilldown-error">{errorSentence(e, resolveLocale(locale))}</Notice>;
  }
  const name = t(`names.${metric}` as never);
  const measure = (v: number | null) => (v === null ? "—" : Math.round(v * 10) / 10);
  return (
    <div className="space-y-4">
      <Link href={back} className="inline-flex min-h-11 items-center text-brand-700 underline-offset-2 hover:underline">
        ← {t("drill.back")}
      </Link>
      <h1 className="text-2xl font-bold">{t("drill.title", { metric: name })}</h1>
      <p className="text-stone-600">
        {formatDate(chosen.from, locale)} – {formatDate(chosen.to, locale)} · {t("drill.limit")}
      </p>
      {rows.length === 0 ? (
        <p className="text-stone-600">{t("drill.empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-2xl border border-stone-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="drilldown-table">
            <thead className="bg-stone-50 text-stone-700">
              <tr>
                {(["what", "customer", "date", "channel", "status", "amount", "measure", "flag"] as const).map((c) => (
                  <th key={c} scope="col" className="px-3 py-2 font-semibold">
                    {t(`drill.columns.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={`${r.kind}-${r.id}-${i}`} className="border-t border-stone-100">
                  <td className="px-3 py-2">
                    {r.kind === "order" && r.id ? (
                      <Link className="text-brand-700 underline" href={`/admin/orders/${r.id}`}>
                        {t("drill.kind.order", { id: r.id })}
                      </Link>
                    ) : r.kind === "customer" ? (
                      <Link className="text-brand-700 underline" href={`/admin/customers/${r.id}`}>
                        {t("drill.kind.customer", { id: r.id })}
                      </Link>
                    ) : r.id ? (
                      t(`drill.kind.${r.kind}`, { id: r.id })
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className="px-3 py-2">{r.customer ?? "—"}</td>
                  <td className="px-3 py-2">{r.at ? formatDateTime(r.at, locale, timeZone) : r.date ? formatDate(r.date, locale) : "—"}</td>
                  <td className="px-3 py-2">
                    {r.channel
                      ? r.channel
                          .split(",")
                          .map((c) => t(`channels.${c}` as never))
                          .join(", ")
                      : "—"}
                  </td>
                  <td className="px-3 py-2">{r.status ? t(`statuses.${r.status}` as never) : "—"}</td>
                  <td className="px-3 py-2 tabular-nums">
                    {r.amount === null ? "—" : metric === "stock_accuracy" ? r.amount : formatWon(r.amount, locale)}
                  </td>
                  <td className="px-3 py-2 tabular-nums">{measure(r.measure)}</td>
                  <td className="px-3 py-2">
                    {r.flag === null ? (
                      t("drill.flag.pending")
                    ) : r.flag ? (
                      <span className="text-green-800">✓ {t("drill.flag.yes")}</span>
                    ) : (
                      <span className="text-red-800">✗ {t("drill.flag.no")}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
