/**
 * The dashboard and the metrics API read one state of the database: a hand-over committed by
 * another process (an import, a second server) between two of their statements is either
 * wholly in their numbers or wholly out — never counted by one read and not by the next.
 */
import { expect, it } from "vitest";
import { openDatabase, type Db } from "@/db/client";
import { computeMetrics } from "@/lib/metrics";
import { dashboardData } from "@/lib/metrics/dashboard";
import { resolveRange } from "@/lib/metrics/range";
import { freshDb, shopWithProducts } from "@/tests/helpers/db";
import { at, customer, order } from "@/tests/helpers/metrics-fixtures";

const DAY = "2026-02-10";

/** Three hand-overs 30, 45 and 55 s after arrival; another process commits a 42 s one right before the lead-time values are read. */
function commitBetweenReads(db: Db): void {
  const c = customer(db, "01011112222");
  for (const s of [30, 45, 55]) order(db, { customerId: c, pickedUpAt: at(DAY, "10:30") + s * 1000, arrivedAt: at(DAY, "10:30") });
  const other = openDatabase(process.env.DATABASE_PATH!);
  const client = db.$client;
  const prepare = client.prepare.bind(client);
  let done = false;
  client.prepare = ((source: string) => {
    if (!done && source.includes("JOIN pickup_lead_times")) {
      done = true;
      order(other, { customerId: c, pickedUpAt: at(DAY, "10:30") + 42_000, arrivedAt: at(DAY, "10:30") });
      other.$client.close();
    }
    return prepare(source);
  }) as typeof client.prepare;
}

it("the dashboard's lead time comes from one state: three hand-overs, median 45 s", () => {
  const db = freshDb();
  shopWithProducts(db);
  commitBetweenReads(db);
  const range = resolveRange({ from: DAY, to: DAY, now: at("2026-03-01"), timeZone: "Asia/Seoul" });
  const data = dashboardData({ db, range });
  expect(data.current.pickup_lead_time).toMatchObject({ count: 3, median_s: 45 });
  expect(data.leadTimes.reduce((s, b) => s + b.count, 0)).toBe(3);
});

it("the metrics API's lead time comes from one state too", () => {
  const db = freshDb();
  shopWithProducts(db);
  commitBetweenReads(db);
  const m = computeMetrics({ db, from: DAY, to: DAY, now: at("2026-03-01") });
  expect(m.pickup_lead_time).toMatchObject({ count: 3, median_s: 45 });
});
