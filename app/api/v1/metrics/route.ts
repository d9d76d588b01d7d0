import { getDb } from "@/db/client";
import { apiRoute, json, requireApiAccess } from "@/lib/api/http";
import { computeMetrics } from "@/lib/metrics";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (req) => {
  await requireApiAccess(req, "metrics");
  const url = new URL(req.url);
  return json(computeMetrics({ db: getDb(), from: url.searchParams.get("from") ?? "", to: url.searchParams.get("to") ?? "" }));
});
