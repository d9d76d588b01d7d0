import { expect, it } from "vitest";
import { freshDb, shopWithProducts } from "@/tests/helpers/db";
import { drilldown } from "./drilldown";
import { resolveRange } from "./range";
import { at, customer, order } from "@/tests/helpers/metrics-fixtures";
import { mondayOf, saveWeeklyNote, weeklyReview } from "./weekly";

it("shows last week's note at the top of this week's review, and last week's slow orders and no-shows", () => {
  const db = freshDb();
  shopWithProducts(db);
  // Week of Monday 2026-03-09: the owner writes the action.
  expect(mondayOf("2026-03-15")).toBe("2026-03-09"); // Sunday belongs to the week before
  saveWeeklyNote({ db, weekStart: "2026-03-09", body: "  도착하면 바로 건네기  " });
  saveWeeklyNote({ db, weekStart: "2026-03-09", body: "도착하면 1분 안에 건네기" }); // edited, same week
  // Last week (03-09..03-15): one order waited 150 s, one 60 s; one no-show.
  const A = customer(db, "01077778888", "한결");
  order(db, { customerId: A, pickedUpAt: at("2026-03-10", "10:02:30"), arrivedAt: at("2026-03-10", "10:00") });
  order(db, { pickedUpAt: at("2026-03-11", "10:01"), arrivedAt: at("2026-03-11", "10:00") });
  order(db, { customerId: A, status: "no_show", pickupDate: "2026-03-12" });
  const r = weeklyReview({ db, today: "2026-03-18", now: at("2026-03-18"), timeZone: "Asia/Seoul" });
  expect(r.thisWeek).toBe("2026-03-16");
  expect(r.lastWeek).toBe("2026-03-09");
  expect(r.lastWeeksNote?.body).toBe("도착하면 1분 안에 건네기");
  expect(r.thisWeeksNote).toBeNull();
  expect(r.slowOrders.map((o) => o.wait_s)).toEqual([150]);
  expect(r.slowOrders[0].customer).toBe("한결 · 8888"); // never the whole number
  expect(r.noShows).toHaveLength(1);
  // Median of 150 and 60 = 105 s.
  expect(r.current.pickup_lead_time.median_s).toBe(105);
  expect(() => saveWeeklyNote({ db, weekStart: "2026-03-10", body: "x" })).toThrow(/월요일/);
});

it("drills down to the records behind a metric", () => {
  const db = freshDb();
  shopWithProducts(db);
  const A = customer(db, "01077778888", "한결");
  order(db, { customerId: A, pickedUpAt: at("2026-03-10", "10:03"), arrivedAt: at("2026-03-10", "10:00") });
  order(db, { customerId: A, status: "no_show", pickupDate: "2026-03-12" });
  const range = resolveRange({ from: "2026-03-01", to: "2026-03-31", now: at("2026-06-01") });
  const lead = drilldown({ db, range, metric: "pickup_lead_time" });
  expect(lead).toHaveLength(1);
  expect(lead[0]).toMatchObject({ kind: "order", measure: 180, flag: 0, customer: "한결 · 8888" });
  const noShow = drilldown({ db, range, metric: "no_show_rate" });
  expect(noShow.map((r) => r.status)).toEqual(["no_show", "picked_up"]);
  const revisit = drilldown({ db, range, metric: "revisit_rate_30" });
  expect(revisit).toMatchObject([{ kind: "customer", id: A, date: "2026-03-10", flag: 0 }]);
});
