import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ActionForm } from "@/components/ui/action-form";
import { ApiKeyForm } from "@/components/admin/api-key-form";
import { DataTable } from "@/components/admin/data-table";
import { PageHeader, Section } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button-class";
import { Field, SelectField, TextAreaField } from "@/components/ui/field";
import { listApiKeys } from "@/lib/auth/api-keys";
import { requirePagePermission } from "@/lib/auth/session";
import { listUsersForAdmin } from "@/lib/auth/staff";
import { formatDateTime } from "@/lib/format";
import { getShopSettings } from "@/lib/shop/settings";
import {
  createApiKeyAction,
  createStaffAction,
  resetStaffPasswordAction,
  revokeApiKeyAction,
  savePaymentSettingsAction,
  saveShopAction,
  setStaffActiveAction,
} from "./actions";
import { prepaymentOffered } from "@/lib/payments/adapters/toss";
import { keepChoice, MAX_PAYMENT_HOLD_MINUTES } from "@/lib/payments/settings";

function timeZones(current: string): string[] {
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [...new Set(["Asia/Seoul", current, ...all])];
}

export default async function SettingsPage() {
  const me = await requirePagePermission("settings", "/admin/settings");
  const t = await getTranslations("admin.settings");
  const tn = await getTranslations("admin.nav");
  const tc = await getTranslations("admin.common");
  const to = await getTranslations("admin.outbox");
  const tt = await getTranslations("admin.tiers");
  const locale = await getLocale();
  const db = getDb();
  const s = getShopSettings({ db });
  const people = listUsersForAdmin({ db });
  const keys = listApiKeys({ db });
  const rackCount = s.rackRows.length * s.rackColumns;

  return (
    <div className="max-w-5xl space-y-8">
      <PageHeader title={t("title")} />

      <Section title={t("paymentTitle")} lead={prepaymentOffered() ? t("paymentLead") : t("paymentNoKeys")} testId="payment-settings">
        <ActionForm
          action={savePaymentSettingsAction}
          submitLabel={tc("save")}
          variant="secondary"
          className="grid gap-4 md:grid-cols-2"
          buttonClassName="justify-self-start md:col-start-1"
        >
          <SelectField label={t("paymentPolicy")} name="paymentPolicy" defaultValue={s.paymentPolicy}>
            {(["at_pickup", "optional", "required"] as const).map((p) => (
              <option key={p} value={p}>
                {t(`paymentPolicies.${p}`)}
              </option>
            ))}
          </SelectField>
          <Field
            label={t("paymentHoldMinutes")}
            name="paymentHoldMinutes"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_PAYMENT_HOLD_MINUTES}
            defaultValue={s.paymentHoldMinutes}
            hint={t("paymentHoldHint")}
            required
          />
          <SelectField label={t("paymentKeep")} name="keep" defaultValue={keepChoice(s).keep}>
            {(["none", "share", "all"] as const).map((k) => (
              <option key={k} value={k}>
                {t(`paymentKeeps.${k}`)}
              </option>
            ))}
          </SelectField>
          <Field
            label={t("paymentKeepPercent")}
            name="keepPercent"
            type="number"
            inputMode="numeric"
            min={1}
            max={99}
            defaultValue={keepChoice(s).keepPercent}
            hint={t("paymentKeepHint")}
          />
        </ActionForm>
      </Section>

      <Section title={t("shopTitle")} testId="shop-details">
        <ActionForm
          action={saveShopAction}
          submitLabel={tc("save")}
          variant="primary"
          className="grid gap-4 md:grid-cols-2"
          buttonClassName="justify-self-start md:col-start-1"
        >
          <Field label={t("name")} name="name" defaultValue={s.name} required maxLength={60} />
          <Field label={t("phone")} name="phone" type="tel" defaultValue={s.phone ?? ""} placeholder="02-123-4567" />
          <Field
            label={t("address")}
            name="address"
            defaultValue={s.address ?? ""}
            maxLength={200}
            hint={t("addressHint")}
            className="md:col-span-2"
          />
          <TextAreaField
            label={t("openingHours")}
            name="openingHours"
            defaultValue={s.openingHours ?? ""}
            maxLength={300}
            rows={3}
            placeholder={t("openingHoursPlaceholder")}
            hint={t("openingHoursHint")}
            className="md:col-span-2"
          />
          <SelectField label={t("timezone")} name="timezone" defaultValue={s.timezone}>
            {timeZones(s.timezone).map((tz) => (
              <option key={tz} value={tz}>
                {tz}
              </option>
            ))}
          </SelectField>
          <Field
            label={t("pointsRate")}
            name="pointsRatePercent"
            type="number"
            step="0.01"
            min={0}
            max={50}
            defaultValue={s.pointsRateBp / 100}
            hint={t("pointsRateHint")}
          />
          <Field label={t("rackRows")} name="rackRows" defaultValue={s.rackRows} hint={t("rackRowsHint")} maxLength={26} />
          <Field
            label={t("rackColumns")}
            name="rackColumns"
            type="number"
            min={1}
            max={50}
            defaultValue={s.rackColumns}
            hint={t("rackPreview", { first: `${s.rackRows[0]}1`, last: `${s.rackRows.at(-1)}${s.rackColumns}`, count: rackCount })}
          />
        </ActionForm>
      </Section>

      <Section title={t("staffTitle")} lead={t("staffLead")} testId="staff-accounts">
        <div className="mb-6">
          <DataTable
            columns={[
              { label: t("staffName"), mobile: { order: 1, bare: true } },
              { label: t("staffEmail"), mobile: { order: 3, full: true } },
              { label: t("role"), mobile: { order: 2, bare: true } },
              { label: t("state"), mobile: { order: 2, bare: true } },
              { mobile: { full: true } },
            ]}
          >
            {people.map((u) => (
              <tr key={u.id} className="align-top">
                <td className="px-4 py-3 font-semibold">
                  {u.name}
                  {u.id === me.id && <span className="ml-1 text-sm font-normal text-stone-500">({t("you")})</span>}
                </td>
                <td className="break-all px-4 py-3">{u.email}</td>
                <td className="px-4 py-3">{tn(`role.${u.role}`)}</td>
                <td className="px-4 py-3">
                  <Badge tone={u.active ? "green" : "neutral"}>{u.active ? t("activeUser") : t("inactiveUser")}</Badge>
                </td>
                <td className="px-4 py-2">
                  {u.role === "staff" && (
                    <div className="flex flex-wrap items-start justify-end gap-2 max-md:justify-start">
                      <ActionForm
                        action={resetStaffPasswordAction}
                        hidden={{ id: u.id }}
                        submitLabel={t("resetPassword")}
                        resetOnSuccess
                        className="flex flex-wrap items-start gap-2"
                      >
                        <input
                          name="password"
                          type="password"
                          autoComplete="new-password"
                          aria-label={`${u.name} ${t("newPassword")}`}
                          placeholder={t("newPassword")}
                          className="min-h-11 w-40 rounded-xl border border-stone-300 px-3"
                        />
                      </ActionForm>
                      <ActionForm
                        action={setStaffActiveAction}
                        hidden={{ id: u.id, active: String(!u.active) }}
                        submitLabel={u.active ? t("deactivate") : t("reactivate")}
                        variant={u.active ? "danger" : "secondary"}
                      />
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        </div>
        {!people.some((u) => u.role === "staff") && <p className="mb-4 text-stone-600">{t("noStaff")}</p>}
        <ActionForm
          action={createStaffAction}
          submitLabel={t("createStaff")}
          resetOnSuccess
          className="grid gap-3 border-t border-dashed border-stone-200 pt-4 md:grid-cols-[1fr_1fr_1fr_auto] md:items-start"
          buttonClassName="md:mt-6"
        >
          <Field label={t("staffName")} name="name" maxLength={40} />
          <Field label={t("staffEmail")} name="email" type="email" autoComplete="off" />
          <Field label={t("staffPassword")} name="password" type="password" autoComplete="new-password" hint={t("staffPasswordHint")} />
        </ActionForm>
      </Section>

      <Section title={tt("title")} lead={tt("settingsLead")} testId="tiers-link">
        <Link href="/admin/settings/tiers" className={buttonClass("secondary")}>
          {tt("open")}
        </Link>
      </Section>

      <Section title={to("webhooksTitle")} lead={to("webhooksLead")} testId="webhooks-link">
        <Link href="/admin/settings/webhooks" className={buttonClass("secondary")}>
          {to("webhooksLink")}
        </Link>
      </Section>

      <Section title={t("apiTitle")} lead={t("apiLead")} testId="api-keys">
        <ApiKeyForm action={createApiKeyAction} />
        {keys.length === 0 ? (
          <p className="mt-4 text-stone-600">{t("noKeys")}</p>
        ) : (
          <div className="mt-6">
            <DataTable
              columns={[
                { label: t("keyName"), mobile: { order: 1, bare: true } },
                { label: t("prefix"), mobile: { order: 2, bare: true } },
                { label: t("scope"), mobile: { order: 3 } },
                { label: t("createdAt"), mobile: { order: 4 } },
                { label: t("lastUsed"), mobile: { order: 5 } },
                { mobile: { full: true } },
              ]}
            >
              {keys.map((k) => (
                <tr key={k.id} className={k.revokedAt ? "text-stone-400" : ""}>
                  <td className="px-4 py-2 font-semibold">{k.name}</td>
                  <td className="px-4 py-2 font-mono">{k.prefix}…</td>
                  <td className="px-4 py-2">{k.scope === "owner" ? t("scopeOwner") : t("scopeStaff")}</td>
                  <td className="px-4 py-2 text-sm">{formatDateTime(k.createdAt, locale, s.timezone)}</td>
                  <td className="px-4 py-2 text-sm">{k.lastUsedAt ? formatDateTime(k.lastUsedAt, locale, s.timezone) : t("never")}</td>
                  <td className="px-4 py-2 text-right">
                    {k.revokedAt ? (
                      <Badge>{t("revoked")}</Badge>
                    ) : (
                      <ActionForm
                        action={revokeApiKeyAction}
                        hidden={{ id: k.id }}
                        submitLabel={t("revoke")}
                        variant="ghost"
                        confirm={t("revokeConfirm")}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          </div>
        )}
      </Section>
    </div>
  );
}
