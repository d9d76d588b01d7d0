/**
 * The daily production plan as the owner edits it: a grid of dates × products with what is
 * planned, already reserved by pre-orders, sold at the counter and still available.
 * A plan may never fall below what customers already hold (reserved + sold): the bread is
 * promised. A product at 0 planned is simply not offered that day.
 */
import { and, asc, eq, gte, inArray, lte } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { dailyPlans, products } from "@/db/schema";
import { AppError, type FieldErrorsInput } from "@/lib/errors";
import { addDays, isDateString, localDate } from "@/lib/shop/time";
import { notifyRestock } from "@/lib/restock/alerts";
import { stockForDate, type StockLine } from "./availability";

export const MAX_PLANNED = 9999;

export type PlanEntry = { date: string; productId: number; planned: number };
export type PlanGridProduct = { id: number; name: string; category: string; active: boolean };
export type PlanGrid = { dates: string[]; products: PlanGridProduct[]; cells: Record<string, Record<number, StockLine>> };

/** The form field name of one grid cell; also the key of its field error. */
export function planCellKey(date: string, productId: number): string {
  return `q:${date}:${productId}`;
}

/**
 * `days` dates from `from`, with every active product (and any inactive one that still has
 * a plan in the range, so it can be brought back to 0).
 */
export function planGrid({ db, from, days = 7 }: { db: DbOrTx; from: string; days?: number }): PlanGrid {
  const dates = Array.from({ length: days }, (_, i) => addDays(from, i));
  const plannedIds = new Set(
    db
      .select({ productId: dailyPlans.productId })
      .from(dailyPlans)
      .where(and(gte(dailyPlans.date, dates[0]), lte(dailyPlans.date, dates[dates.length - 1])))
      .all()
      .map((r) => r.productId),
  );
  const rows = db
    .select({ id: products.id, name: products.name, category: products.category, active: products.active })
    .from(products)
    .orderBy(asc(products.sortOrder), asc(products.id))
    .all()
    .filter((p) => p.active || plannedIds.has(p.id));
  const ids = rows.map((p) => p.id);
  const cells: PlanGrid["cells"] = {};
  for (const date of dates) cells[date] = Object.fromEntries(stockForDate({ db, date, productIds: ids }));
  return { dates, products: rows, cells };
}

function writePlanInTx(tx: DbOrTx, entries: PlanEntry[], today: string, now: number): number {
  const fields: FieldErrorsInput = {};
  for (const e of entries) {
    const key = planCellKey(e.date, e.productId);
    if (!isDateString(e.date)) fields[key] = "date_invalid";
    else if (e.date < today) fields[key] = "plan_past_date";
    else if (!Number.isInteger(e.planned) || e.planned < 0) fields[key] = "plan_whole_number";
    else if (e.planned > MAX_PLANNED) fields[key] = { code: "plan_max", params: { max: MAX_PLANNED } };
  }
  if (Object.keys(fields).length) throw new AppError("validation", { fields });

  const productIds = [...new Set(entries.map((e) => e.productId))];
  const known = new Map(
    (productIds.length
      ? tx.select({ id: products.id, name: products.name }).from(products).where(inArray(products.id, productIds)).all()
      : []
    ).map((p) => [p.id, p.name]),
  );
  const unknown = productIds.filter((id) => !known.has(id));
  if (unknown.length) throw new AppError("validation", { message: "plan_unknown_product" });

  const problems: string[] = [];
  const byDate = new Map<string, PlanEntry[]>();
  for (const e of entries) byDate.set(e.date, [...(byDate.get(e.date) ?? []), e]);
  for (const [date, list] of byDate) {
    const stock = stockForDate({ db: tx, date, productIds: list.map((e) => e.productId) });
    for (const e of list) {
      const line = stock.get(e.productId)!;
      const held = line.reserved + line.sold;
      if (e.planned < held) {
        fields[planCellKey(date, e.productId)] = { code: "plan_below_held", params: { held } };
        problems.push(`${date} ${known.get(e.productId)} (${held})`);
      }
    }
  }
  if (problems.length) {
    throw new AppError("conflict", { message: "plan_below_reserved", params: { items: problems.join(", ") }, fields });
  }

  let changed = 0;
  for (const e of entries) {
    if (e.planned === 0) {
      changed += tx
        .delete(dailyPlans)
        .where(and(eq(dailyPlans.date, e.date), eq(dailyPlans.productId, e.productId)))
        .run().changes;
    } else {
      tx.insert(dailyPlans)
        .values({ date: e.date, productId: e.productId, planned: e.planned, updatedAt: now })
        .onConflictDoUpdate({ target: [dailyPlans.date, dailyPlans.productId], set: { planned: e.planned, updatedAt: now } })
        .run();
      changed++;
    }
  }
  for (const [date, list] of byDate)
    notifyRestock({ tx, now, date, productIds: list.filter((e) => e.planned > 0).map((e) => e.productId) });
  return changed;
}

/**
 * Save planned quantities for any cells of the grid, all or nothing, in one IMMEDIATE
 * transaction so an order placed at the same moment is counted in the reserved check.
 */
export function savePlan({ db, entries, now = Date.now(), timeZone }: { db: Db; entries: PlanEntry[]; now?: number; timeZone?: string }): {
  saved: number;
} {
  const today = localDate(now, timeZone);
  const saved = db.transaction((tx) => writePlanInTx(tx, entries, today, now), { behavior: "immediate" });
  return { saved };
}

/**
 * Make `to`'s plan a copy of `from`'s: every product planned on `from` gets the same
 * quantity on `to`, and products not planned on `from` go to 0 on `to` (refused, like any
 * plan, where that would fall below what is already reserved).
 */
export function copyPlan({
  db,
  from,
  to,
  now = Date.now(),
  timeZone,
}: {
  db: Db;
  from: string;
  to: string;
  now?: number;
  timeZone?: string;
}): { copied: number } {
  if (!isDateString(from) || !isDateString(to))
    throw new AppError("validation", { message: "date_choose", fields: { from: "date_choose" } });
  if (from === to) throw new AppError("validation", { message: "plan_copy_same_day", fields: { to: "date_choose_other" } });
  const today = localDate(now, timeZone);
  const copied = db.transaction(
    (tx) => {
      const source = tx
        .select({ productId: dailyPlans.productId, planned: dailyPlans.planned })
        .from(dailyPlans)
        .innerJoin(products, eq(products.id, dailyPlans.productId))
        .where(and(eq(dailyPlans.date, from), eq(products.active, true)))
        .all();
      const target = tx.select({ productId: dailyPlans.productId }).from(dailyPlans).where(eq(dailyPlans.date, to)).all();
      const entries: PlanEntry[] = source.map((s) => ({ date: to, productId: s.productId, planned: s.planned }));
      const copiedIds = new Set(source.map((s) => s.productId));
      for (const t of target) if (!copiedIds.has(t.productId)) entries.push({ date: to, productId: t.productId, planned: 0 });
      writePlanInTx(tx, entries, today, now);
      return source.length;
    },
    { behavior: "immediate" },
  );
  return { copied };
}
