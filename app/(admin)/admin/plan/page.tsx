import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ActionForm } from "@/components/ui/action-form";
import { PageHeader, Section } from "@/components/admin/page-header";
import { PlanGrid } from "@/components/admin/plan-grid";
import { Field } from "@/components/ui/field";
import { requirePagePermission } from "@/lib/auth/session";
import { formatDate, formatWon } from "@/lib/format";
import { planGrid } from "@/lib/inventory/plan";
import { suggestPlan, type SuggestionReason } from "@/lib/inventory/suggest";
import { PlanSuggestion } from "@/components/metrics/plan-suggestion";
import { isClosedDate, slotsForDate } from "@/lib/pickup/schedule";
import { loadSchedule } from "@/lib/shop/settings";
import { addDays, localDate } from "@/lib/shop/time";
import { MAX_HOLD_MINUTES, sweepRestock, waitingDemand } from "@/lib/restock/alerts";
import { copyPlanAction, saveRestockHoldAction, savePlanAction } from "./actions";
import { EmptyState } from "@/components/admin/data-table";
import { requestNow } from "@/lib/web/now";

export default async function PlanPage() {
  await requirePagePermission("plan", "/admin/plan");
  const t = await getTranslations("admin.plan");
  const ts = await getTranslations("metrics.suggestion");
  const why = (r: SuggestionReason) => ts("reason", { ...r, streakRun: r.streakRun ? "yes" : "no" });
  const locale = await getLocale();
  const db = getDb();
  const { settings, slots, closedDates } = loadSchedule({ db });
  const today = localDate(requestNow(), settings.timezone);
  // An ordering window may have opened since the last write: tell waiters before counting them.
  sweepRestock({ db });
  const grid = planGrid({ db, from: today, days: 7 });
  const waiting = Object.fromEntries(
    [...waitingDemand({ db })].map(([productId, d]) => [productId, t("waiting", { count: d.count, value: formatWon(d.value, locale) })]),
  );
  const dateLabels = Object.fromEntries(grid.dates.map((d) => [d, formatDate(d, locale)]));
  const tomorrow = addDays(today, 1);
  const closed = grid.dates.filter((d) => isClosedDate(d, settings, closedDates) || slotsForDate(d, slots).length === 0);
  // Suggested quantities from the same weekday's recent weeks, for every day the shop is open.
  const suggestions: Record<number, Record<string, { quantity: number; reason: string }>> = {};
  for (const date of grid.dates.filter((d) => !closed.includes(d))) {
    for (const s of suggestPlan({ db, date })) (suggestions[s.productId] ??= {})[date] = { quantity: s.quantity, reason: why(s.reason) };
  }
  const tomorrowSuggestions = (closed.includes(tomorrow) ? [] : suggestPlan({ db, date: tomorrow })).map((s) => ({
    ...s,
    reason: why(s.reason),
  }));
  return (
    <>
      <PageHeader title={t("title")} lead={t("lead")} />
      {grid.products.length === 0 ? (
        <EmptyState>{t("noProducts")}</EmptyState>
      ) : (
        <PlanGrid
          grid={grid}
          dateLabels={dateLabels}
          today={today}
          closedDates={closed}
          action={savePlanAction}
          suggestions={suggestions}
          waiting={waiting}
        />
      )}
      {tomorrowSuggestions.length > 0 && (
        <Section
          title={t("suggestTitle", { date: formatDate(tomorrow, locale) })}
          lead={t("suggestLead")}
          className="mt-8 max-w-4xl"
          testId="plan-suggestions"
        >
          <ul className="divide-y divide-stone-200">
            {tomorrowSuggestions.map((s) => (
              <li key={s.productId} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span className="font-semibold">{s.productName}</span>
                <PlanSuggestion suggestion={s} targetInputId={`plan-cell-q:${tomorrow}:${s.productId}`} />
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section title={t("holdTitle")} lead={t("holdLead")} className="mt-8 max-w-3xl" testId="restock-hold">
        <ActionForm
          action={saveRestockHoldAction}
          submitLabel={t("holdSave")}
          variant="secondary"
          className="flex flex-wrap items-end gap-3"
        >
          <Field
            label={t("holdMinutes")}
            name="minutes"
            type="number"
            min={0}
            max={MAX_HOLD_MINUTES}
            defaultValue={settings.restockHoldMinutes}
            required
            className="w-48"
            hint={t("holdHint")}
          />
        </ActionForm>
      </Section>
      <Section title={t("copyTitle")} lead={t("copyHint")} className="mt-8 max-w-3xl" testId="plan-copy">
        <ActionForm action={copyPlanAction} submitLabel={t("copyButton")} variant="secondary" className="flex flex-wrap items-end gap-3">
          <Field label={t("copyFrom")} name="from" type="date" defaultValue={addDays(tomorrow, -7)} required className="w-48" />
          <Field label={t("copyTo")} name="to" type="date" defaultValue={tomorrow} min={today} required className="w-48" />
        </ActionForm>
      </Section>
    </>
  );
}
