/**
 * Everything the metrics dashboard (`/admin/metrics`) shows for one range: the metrics of the
 * range and of the period before it, and the four charts. One call, so the page stays thin and
 * the bench can time the page's own data work. Read in one transaction, so every number and
 * chart comes from the same state of the database (a commit from another process, e.g. an import,
 * cannot land between two of its reads).
 */
import type { Db } from "@/db/client";
import { computeMetricsForRange } from "./index";
import { leadTimeDistribution, leadTimes, outcomeDays, preorderOutcomeTrend, revenueTrend, revisitTrend } from "./metrics";
import { previousRange, type MetricRange } from "./range";

export function dashboardData({ db, range }: { db: Db; range: MetricRange }) {
  return db.$client.transaction(() => readDashboard({ db, range })).deferred();
}

function readDashboard({ db, range }: { db: Db; range: MetricRange }) {
  const previous = previousRange(range);
  // The range's lead times and outcome days feed both its metrics and its charts: read once.
  const lead = leadTimes(db, range);
  const days = outcomeDays({ db, range });
  return {
    previousRange: previous,
    current: computeMetricsForRange({ db, range, lead, days }),
    previous: computeMetricsForRange({ db, range: previous }),
    revisitTrend: revisitTrend({ db, range }),
    leadTimes: leadTimeDistribution({ db, range, lead }),
    outcomeTrend: preorderOutcomeTrend({ db, range, days }),
    revenueTrend: revenueTrend({ db, range }),
  };
}
