import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ActionForm } from "@/components/ui/action-form";
import { EmptyState } from "@/components/admin/data-table";
import { requirePagePermission } from "@/lib/auth/session";
import { formatWon } from "@/lib/format";
import { listCoupons } from "@/lib/coupons/admin";
import { listTiers } from "@/lib/loyalty/tiers";
import { getShopSettings } from "@/lib/shop/settings";
import { createTierAction, deleteTierAction } from "./actions";

/**
 * Loyalty tiers (등급): rolling spend across every channel over a window, each with its points
 * rate and an optional birthday coupon. A customer holds the highest tier they reach.
 */
export default async function TiersPage() {
  await requirePagePermission("settings", "/admin/settings/tiers");
  const t = await getTranslations("admin.tiers");
  const locale = await getLocale();
  const db = getDb();
  const tiers = listTiers({ db });
  // A birthday coupon gives each customer their own code: only `issued` coupons can be one.
  const issued = listCoupons({ db }).filter((c) => c.codeMode === "issued");
  const couponName = new Map(issued.map((c) => [c.id, c.name]));
  const base = getShopSettings({ db }).pointsRateBp;
  const pct = (bp: number) => `${bp / 100}%`;
  return (
    <div className="max-w-3xl space-y-6">
      <Link href="/admin/settings" className="inline-flex min-h-11 items-center text-sm text-brand-700 underline">
        {t("back")}
      </Link>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-stone-700">{t("lead", { base: pct(base) })}</p>
      {tiers.length === 0 ? (
        <EmptyState>{t("none")}</EmptyState>
      ) : (
        <ul className="space-y-2" data-testid="tier-list">
          {tiers.map((tier) => (
            <li
              key={tier.id}
              className="flex flex-wrap items-center justify-between gap-3 rounded-2xl border border-stone-200 bg-white p-4"
            >
              <span>
                <span className="block text-lg font-bold">{tier.name}</span>
                <span className="block text-stone-700">
                  {t("rule", { days: tier.windowDays, amount: formatWon(tier.thresholdWon, locale), rate: pct(tier.pointsRateBp) })}
                  {tier.birthdayCouponId
                    ? ` · ${t("birthday", { name: couponName.get(tier.birthdayCouponId) ?? `#${tier.birthdayCouponId}` })}`
                    : ""}
                </span>
              </span>
              <ActionForm
                progressive
                action={deleteTierAction}
                submitLabel={t("delete")}
                variant="danger"
                fields={[{ kind: "hidden", name: "id", value: String(tier.id) }]}
              />
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="new-tier" className="rounded-2xl border border-stone-200 bg-white p-4">
        <h2 id="new-tier" className="mb-3 text-lg font-bold">
          {t("new")}
        </h2>
        <ActionForm
          progressive
          action={createTierAction}
          submitLabel={t("create")}
          testId="tier-form"
          fields={[
            { kind: "text", name: "name", label: t("name") },
            { kind: "number", name: "window_days", label: t("windowDays"), defaultValue: "90", inputMode: "numeric", min: 1, max: 730 },
            { kind: "number", name: "threshold_won", label: t("threshold"), inputMode: "numeric", min: 0 },
            {
              kind: "number",
              name: "points_rate_percent",
              label: t("rate"),
              hint: t("rateHint"),
              inputMode: "decimal",
              min: 0,
              max: 50,
              step: 0.01,
            },
            {
              kind: "select",
              name: "birthday_coupon_id",
              label: t("birthdayCoupon"),
              options: [{ value: "", label: t("birthdayCouponNone") }, ...issued.map((c) => ({ value: String(c.id), label: c.name }))],
              defaultValue: "",
              hint: issued.length ? t("birthdayCouponHint") : t("birthdayCouponMissing"),
            },
          ]}
        />
      </section>
    </div>
  );
}
