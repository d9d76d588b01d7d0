import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ActionForm } from "@/components/ui/action-form";
import { PageHeader, Section } from "@/components/admin/page-header";
import { PickupRulesForm } from "@/components/admin/pickup-rules-form";
import { Badge } from "@/components/ui/badge";
import { Field } from "@/components/ui/field";
import { requirePagePermission } from "@/lib/auth/session";
import { formatDate } from "@/lib/format";
import { getShopSettings } from "@/lib/shop/settings";
import { listClosedDatesForAdmin, listSlotsForAdmin } from "@/lib/pickup/admin-rules";
import { addClosedDateAction, addSlotAction, removeClosedDateAction, removeSlotAction, saveRulesAction, updateSlotAction } from "./actions";

const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];
const small = "block min-h-11 w-full rounded-lg border border-stone-300 bg-white px-2 text-base";

export default async function PickupSettingsPage() {
  await requirePagePermission("pickup_settings", "/admin/pickup");
  const t = await getTranslations("admin.pickup");
  const tc = await getTranslations("admin.common");
  const locale = await getLocale();
  const db = getDb();
  const s = getShopSettings({ db });
  const slots = listSlotsForAdmin({ db });
  const closed = listClosedDatesForAdmin({ db, timeZone: s.timezone });
  const weekdayLong = t.raw("weekdayLong") as string[];
  const rules = {
    opensDaysBefore: s.opensDaysBefore,
    opensTime: s.opensTime,
    cutoffMode: s.cutoffMode,
    cutoffDaysBefore: s.cutoffDaysBefore,
    cutoffTime: s.cutoffTime,
    cutoffHoursBefore: s.cutoffHoursBefore,
    daysAhead: s.daysAhead,
    maxItemsPerOrder: s.maxItemsPerOrder,
    checkInOpensMinutes: s.checkInOpensMinutes,
    closedWeekdays: s.closedWeekdays,
  };

  return (
    <div className="max-w-5xl space-y-8">
      <PageHeader title={t("title")} lead={t("lead")} />
      <Section title={t("rulesTitle")} testId="pickup-rules">
        <PickupRulesForm
          rules={rules}
          timezone={s.timezone}
          slots={slots}
          closedDates={closed.map((c) => c.date)}
          action={saveRulesAction}
        />
      </Section>

      <Section title={t("slotsTitle")} lead={t("slotsLead")} testId="pickup-slots">
        <div className="space-y-3">
          {WEEK_ORDER.map((weekday) => {
            const daySlots = slots.filter((x) => x.weekday === weekday);
            const activeSlots = daySlots.filter((x) => x.active);
            const isClosed = s.closedWeekdays.includes(weekday);
            return (
              <details key={weekday} className="group rounded-xl border border-stone-200" data-testid={`weekday-${weekday}`}>
                <summary className="flex min-h-12 cursor-pointer list-none flex-wrap items-center gap-3 px-4 py-2 hover:bg-stone-50">
                  <span className="w-16 font-bold">{weekdayLong[weekday]}</span>
                  {isClosed && <Badge tone="red">{t("closedBadge")}</Badge>}
                  <span className="min-w-0 flex-1 truncate text-sm text-stone-600">
                    {activeSlots.length ? activeSlots.map((x) => `${x.startTime}-${x.endTime} (${x.capacity})`).join(" · ") : t("noSlots")}
                  </span>
                  <span aria-hidden className="text-stone-400 group-open:rotate-180">
                    ▾
                  </span>
                </summary>
                {/* The slot rows keep their columns; on a phone they scroll sideways inside the day. */}
                <div className="overflow-x-auto border-t border-stone-200 px-4 py-3">
                  <div className="grid grid-cols-[9rem_9rem_7rem_5rem_1fr] gap-2 px-1 text-sm font-semibold text-stone-600">
                    <span>{t("start")}</span>
                    <span>{t("end")}</span>
                    <span>{t("capacity")}</span>
                    <span>{t("activeSlot")}</span>
                    <span />
                  </div>
                  <ul className="min-w-max divide-y divide-stone-100">
                    {daySlots.map((slot) => (
                      <li key={slot.id} className="flex flex-wrap items-start gap-2 py-2">
                        <ActionForm
                          action={updateSlotAction}
                          hidden={{ id: slot.id, weekday }}
                          submitLabel={tc("save")}
                          className="grid grid-cols-[9rem_9rem_7rem_5rem_auto] items-center gap-2"
                        >
                          <input
                            aria-label={`${weekdayLong[weekday]} ${t("start")}`}
                            name="startTime"
                            type="time"
                            defaultValue={slot.startTime}
                            className={small}
                          />
                          <input
                            aria-label={`${weekdayLong[weekday]} ${t("end")}`}
                            name="endTime"
                            type="time"
                            defaultValue={slot.endTime}
                            className={small}
                          />
                          <input
                            aria-label={`${weekdayLong[weekday]} ${slot.startTime} ${t("capacity")}`}
                            name="capacity"
                            type="number"
                            min={1}
                            max={500}
                            defaultValue={slot.capacity}
                            className={small}
                          />
                          <label className="flex min-h-11 items-center justify-center">
                            <input
                              type="checkbox"
                              name="active"
                              defaultChecked={slot.active}
                              className="size-5"
                              aria-label={`${weekdayLong[weekday]} ${slot.startTime} ${t("activeSlot")}`}
                            />
                          </label>
                        </ActionForm>
                        <ActionForm
                          action={removeSlotAction}
                          hidden={{ id: slot.id }}
                          submitLabel={tc("remove")}
                          variant="ghost"
                          className="flex flex-col items-start"
                        />
                      </li>
                    ))}
                  </ul>
                  <ActionForm
                    action={addSlotAction}
                    hidden={{ weekday }}
                    submitLabel={t("addSlot")}
                    resetOnSuccess
                    buttonClassName="justify-self-start"
                    className="mt-2 grid grid-cols-[9rem_9rem_7rem_auto] items-center gap-2 border-t border-dashed border-stone-200 pt-3"
                  >
                    <input
                      aria-label={`${weekdayLong[weekday]} ${t("addSlot")} ${t("start")}`}
                      name="startTime"
                      type="time"
                      required
                      className={small}
                    />
                    <input
                      aria-label={`${weekdayLong[weekday]} ${t("addSlot")} ${t("end")}`}
                      name="endTime"
                      type="time"
                      required
                      className={small}
                    />
                    <input
                      aria-label={`${weekdayLong[weekday]} ${t("addSlot")} ${t("capacity")}`}
                      name="capacity"
                      type="number"
                      min={1}
                      max={500}
                      defaultValue={10}
                      className={small}
                    />
                  </ActionForm>
                </div>
              </details>
            );
          })}
        </div>
      </Section>

      <Section title={t("closedDatesTitle")} testId="closed-dates">
        {closed.length === 0 ? (
          <p className="text-stone-600">{t("noClosedDates")}</p>
        ) : (
          <ul className="mb-4 divide-y divide-stone-100">
            {closed.map((c) => (
              <li key={c.date} className="flex flex-wrap items-center gap-4 py-2">
                <span className="w-36 font-semibold">{formatDate(c.date, locale)}</span>
                <span className="min-w-0 flex-1 text-stone-700">{c.reason}</span>
                <ActionForm action={removeClosedDateAction} hidden={{ date: c.date }} submitLabel={tc("remove")} variant="ghost" />
              </li>
            ))}
          </ul>
        )}
        <ActionForm
          action={addClosedDateAction}
          submitLabel={t("addClosedDate")}
          resetOnSuccess
          className="mt-4 flex flex-wrap items-end gap-3"
        >
          <Field label={t("closedDate")} name="date" type="date" required className="w-48" />
          <Field label={t("reason")} name="reason" maxLength={100} className="min-w-64 flex-1" />
        </ActionForm>
      </Section>
    </div>
  );
}
