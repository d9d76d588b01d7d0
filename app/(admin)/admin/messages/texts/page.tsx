import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ActionForm } from "@/components/ui/action-form";
import { MessageTextForm } from "@/components/admin/message-text-form";
import { PageHeader, Section } from "@/components/admin/page-header";
import { SelectField } from "@/components/ui/field";
import { requirePagePermission } from "@/lib/auth/session";
import { REMINDER_TIMINGS } from "@/lib/messages/scheduler";
import { defaultText, MAX_TEXT_LENGTH, TEMPLATES, templateText } from "@/lib/messages/texts";
import { getShopSettings } from "@/lib/shop/settings";
import { saveReminderTimingAction, saveTextAction } from "../actions";

export const dynamic = "force-dynamic";

/** Reminder timing and the wording of every message, each with a live preview. */
export default async function MessageTextsPage() {
  await requirePagePermission("settings", "/admin/messages/texts");
  const t = await getTranslations("admin.outbox");
  const tc = await getTranslations("admin.common");
  const db = getDb();
  const settings = getShopSettings({ db });
  return (
    <div className="max-w-4xl space-y-8">
      <PageHeader title={t("textsTitle")} lead={t("textsLead", { placeholder: "{code}", max: MAX_TEXT_LENGTH })} />
      <Section title={t("reminderTitle")} testId="reminder-timing">
        <ActionForm
          action={saveReminderTimingAction}
          submitLabel={tc("save")}
          variant="primary"
          className="flex flex-wrap items-end gap-3"
          buttonClassName="mb-7"
        >
          <SelectField label={t("reminderTiming")} name="reminderTiming" defaultValue={settings.reminderTiming} className="w-64">
            {REMINDER_TIMINGS.map((r) => (
              <option key={r} value={r}>
                {t(`reminder.${r}`)}
              </option>
            ))}
          </SelectField>
        </ActionForm>
      </Section>
      <Section title={t("textsTitle")} lead={t("adNote")}>
        <div className="space-y-4">
          {TEMPLATES.flatMap((template) =>
            (["ko", "en"] as const).map((locale) => {
              const text = templateText({ db, template, locale });
              return (
                <MessageTextForm
                  key={`${template}-${locale}`}
                  action={saveTextAction}
                  template={template}
                  locale={locale}
                  label={t(`templates.${template}`)}
                  text={text}
                  customised={text !== defaultText(template, locale)}
                  maxLength={MAX_TEXT_LENGTH}
                />
              );
            }),
          )}
        </div>
      </Section>
    </div>
  );
}
