"use client";

import { useEffect, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import type { ActionState } from "@/lib/actions";
import type { PlanGrid as Grid } from "@/lib/inventory/plan";
import { Button } from "@/components/ui/button";
import { ActionNotice } from "@/components/ui/notice";
import { useActionForm } from "@/components/ui/use-action-form";
import { cn } from "@/components/ui/cn";

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

const key = (date: string, productId: number) => `q:${date}:${productId}`;

function initialValues(grid: Grid): Record<string, string> {
  const values: Record<string, string> = {};
  for (const date of grid.dates) for (const p of grid.products) values[key(date, p.id)] = String(grid.cells[date][p.id]?.planned ?? 0);
  return values;
}

/**
 * The 7-day plan: type a quantity and the "left" figure under it follows at once
 * (planned − reserved − sold); reserved and sold come from the server on each load/save.
 */
export function PlanGrid({
  grid,
  dateLabels,
  today,
  action,
  closedDates = [],
  suggestions,
  waiting,
}: {
  grid: Grid;
  /** Dates the shop takes no pickups (closed weekday, closed date or no slots). */
  closedDates?: string[];
  dateLabels: Record<string, string>;
  today: string;
  action: Action;
  /**
   * Suggested quantities (lib/inventory/suggest.ts): productId → date → suggestion; each
   * cell shows it as a one-tap hint, its reason as the hint's title.
   */
  suggestions?: Record<number, Record<string, { quantity: number; reason: string }>>;
  /** productId → "대기 12명 · 약 66,000원": restock-alert waiters and what they would buy. */
  waiting?: Record<number, string>;
}) {
  const t = useTranslations("admin.plan");
  const tc = useTranslations("admin.common");
  const { state, pending, onSubmit } = useActionForm(action);
  const [values, setValues] = useState(() => initialValues(grid));
  const saved = useMemo(() => initialValues(grid), [grid]);
  // A saved plan (or a refresh) re-renders the page with new rows: start again from them.
  const [shownGrid, setShownGrid] = useState(grid);
  if (shownGrid !== grid) {
    setShownGrid(grid);
    setValues(initialValues(grid));
  }
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const dirty = Object.keys(values).some((k) => values[k] !== saved[k]);
  const router = useRouter();
  // Orders keep arriving while the owner plans: refresh reserved/left every 30 s, but never
  // while there are unsaved numbers in the grid (a refresh would reset them).
  useEffect(() => {
    if (dirty) return;
    const timer = setInterval(() => router.refresh(), 30_000);
    return () => clearInterval(timer);
  }, [dirty, router]);

  return (
    <form onSubmit={onSubmit} noValidate data-testid="plan-grid">
      <div className="overflow-x-auto rounded-2xl border border-stone-200 bg-white">
        <table className="w-full min-w-[960px] border-collapse text-left">
          <thead>
            <tr className="border-b border-stone-200 bg-stone-50">
              <th
                scope="col"
                className="sticky left-0 z-10 w-32 bg-stone-50 px-3 sm:w-48 sm:px-4 py-3 text-sm font-semibold text-stone-600"
              >
                {t("product")}
              </th>
              {grid.dates.map((date) => (
                <th key={date} scope="col" className="px-2 py-2 text-center align-bottom">
                  <span className={cn("block text-sm font-bold", date === today ? "text-brand-700" : "text-ink")}>
                    {dateLabels[date]}
                    {date === today && <span className="ml-1 font-normal">· {t("today")}</span>}
                  </span>
                  {closedDates.includes(date) && <span className="block text-xs font-semibold text-red-700">{t("closed")}</span>}
                  <button
                    type="submit"
                    name="scope"
                    value={date}
                    disabled={pending}
                    className="mt-1 min-h-11 w-full rounded-lg px-2 text-sm font-semibold text-brand-700 hover:bg-brand-50 disabled:text-stone-400"
                  >
                    {t("saveDay")}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {grid.products.map((p) => (
              <tr key={p.id} data-testid={`plan-row-${p.id}`}>
                <th scope="row" className="sticky left-0 z-10 max-w-32 bg-white px-3 py-2 sm:max-w-none sm:px-4 text-base font-semibold">
                  {p.name}
                  {p.category && <span className="block text-sm font-normal text-stone-500">{p.category}</span>}
                  {!p.active && <span className="block text-sm font-normal text-red-700">{t("inactive")}</span>}
                  {waiting?.[p.id] && (
                    <span className="block text-sm font-semibold text-amber-800" data-testid="plan-waiting">
                      {waiting[p.id]}
                    </span>
                  )}
                </th>
                {grid.dates.map((date) => {
                  const k = key(date, p.id);
                  const line = grid.cells[date][p.id] ?? { reserved: 0, sold: 0, held: 0 };
                  const planned = Number(values[k] || 0);
                  const left = Math.max(0, (Number.isFinite(planned) ? planned : 0) - line.reserved - line.sold - line.held);
                  const suggestion = suggestions?.[p.id]?.[date];
                  const changed = values[k] !== saved[k];
                  return (
                    <td key={date} className="px-2 py-2 align-top">
                      <input
                        id={`plan-cell-${k}`}
                        name={k}
                        type="number"
                        inputMode="numeric"
                        min={line.reserved + line.sold}
                        max={9999}
                        step={1}
                        value={values[k]}
                        onChange={(e) => setValues((v) => ({ ...v, [k]: e.target.value }))}
                        aria-label={t("cellLabel", { product: p.name, date: dateLabels[date] })}
                        aria-invalid={errors[k] ? true : undefined}
                        className={cn(
                          "block min-h-11 w-full rounded-lg border px-2 text-right text-base tabular-nums",
                          errors[k] ? "border-red-600 bg-red-50" : changed ? "border-brand-500 bg-brand-50" : "border-stone-300",
                        )}
                      />
                      <p className="mt-1 flex justify-between gap-1 text-xs text-stone-600 tabular-nums">
                        <span>{t("reserved", { count: line.reserved + line.sold })}</span>
                        <span
                          className={left === 0 && planned > 0 ? "font-semibold text-red-700" : "font-semibold text-green-800"}
                          data-testid="plan-available"
                        >
                          {t("available", { count: left })}
                        </span>
                      </p>
                      {suggestion !== undefined && (
                        <button
                          type="button"
                          data-testid="plan-suggestion"
                          title={suggestion.reason}
                          aria-label={`${t("suggested")} ${suggestion.quantity}: ${suggestion.reason}`}
                          onClick={() => setValues((v) => ({ ...v, [k]: String(suggestion.quantity) }))}
                          className="mt-1 min-h-8 w-full rounded-md bg-sky-50 text-xs text-sky-900 hover:bg-sky-100"
                        >
                          {t("suggested")} {suggestion.quantity}
                        </button>
                      )}
                      {errors[k] && (
                        <p className="mt-1 text-xs font-medium text-red-700" data-testid="field-error">
                          {errors[k]}
                        </p>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-4">
        <Button type="submit" name="scope" value="all" disabled={pending} aria-busy={pending}>
          {pending ? tc("saving") : t("saveAll")}
        </Button>
        {dirty && <span className="text-sm text-brand-700">{t("unsaved")}</span>}
        <div className="min-w-0 flex-1">
          <ActionNotice state={state} />
        </div>
      </div>
    </form>
  );
}
