import { getDb } from "@/db/client";
import { apiRoute } from "@/lib/api/http";
import { requirePermission } from "@/lib/auth/session";
import { computeMetricsForRange } from "@/lib/metrics";
import { previousRange, resolveRange } from "@/lib/metrics/range";
import { tilesCsv } from "@/lib/metrics/tiles";
import { getShopSettings } from "@/lib/shop/settings";

export const dynamic = "force-dynamic";

/** The dashboard's tiles for a range (and the previous period's values) as CSV. */
export const GET = apiRoute(async (req) => {
  await requirePermission("metrics");
  const url = new URL(req.url);
  const db = getDb();
  const range = resolveRange({
    from: url.searchParams.get("from") ?? "",
    to: url.searchParams.get("to") ?? "",
    now: Date.now(),
    timeZone: getShopSettings({ db }).timezone,
  });
  const csv = tilesCsv(computeMetricsForRange({ db, range }), computeMetricsForRange({ db, range: previousRange(range) }));
  return new Response("\uFEFF" + csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="dangol-metrics-${range.from}-${range.to}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
