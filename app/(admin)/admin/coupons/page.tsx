import { requestNow } from "@/lib/web/now";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ActionForm } from "@/components/ui/action-form";
import { DataTable, EmptyState } from "@/components/admin/data-table";
import { PageHeader, Section } from "@/components/admin/page-header";
import { CouponForm } from "@/components/coupons/coupon-form";
import { Badge } from "@/components/ui/badge";
import { PhoneField } from "@/components/ui/field";
import { requirePagePermission } from "@/lib/auth/session";
import { listCoupons, type CouponRow } from "@/lib/coupons/admin";
import { formatWon } from "@/lib/format";
import { listProductsWithOptions } from "@/lib/products/catalogue";
import { getShopSettings } from "@/lib/shop/settings";
import { localDate } from "@/lib/shop/time";
import { createCouponAction, issueCouponAction, pauseCouponAction } from "./actions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("coupons.admin"))("title") };
}

/** Coupons: create one, see how often each was used, pause or resume it, give a customer their own code. */
export default async function CouponsPage() {
  await requirePagePermission("coupons", "/admin/coupons");
  const t = await getTranslations("coupons.admin");
  const locale = await getLocale();
  const db = getDb();
  const today = localDate(requestNow(), getShopSettings({ db }).timezone);
  const catalogue = listProductsWithOptions({ db, activeOnly: true });
  const names = new Map(listProductsWithOptions({ db }).map((p) => [p.id, p.name]));
  const categories = [...new Set(catalogue.map((p) => p.category).filter(Boolean))].sort();
  const coupons = listCoupons({ db });
  const won = (n: number) => formatWon(n, locale);
  const terms = (c: CouponRow) =>
    [
      c.kind === "fixed" ? t("fixedOff", { amount: won(c.amount) }) : t("percentOff", { amount: c.amount }),
      c.minSpend > 0 ? t("minSpendShort", { amount: won(c.minSpend) }) : null,
      t("limitedTo", { targets: [...c.productIds.map((id) => names.get(id) ?? `#${id}`), ...c.categories].join(", ") || t("allProducts") }),
      c.perCustomerLimit ? t("perCustomer", { count: c.perCustomerLimit }) : null,
    ].filter(Boolean);
  return (
    <div className="max-w-5xl space-y-8">
      <PageHeader title={t("title")} lead={t("intro")} />
      <Section title={t("newTitle")} testId="coupon-new">
        <CouponForm
          action={createCouponAction}
          products={catalogue.map((p) => ({ id: p.id, name: p.name }))}
          categories={categories}
          today={today}
        />
      </Section>
      <Section title={t("list")}>
        {coupons.length === 0 ? (
          <EmptyState>{t("none")}</EmptyState>
        ) : (
          <DataTable
            testId="coupon-list"
            columns={[
              { label: t("colName"), mobile: { order: 1, full: true, bare: true } },
              { label: t("colTerms") },
              { label: t("colDates") },
              { label: t("colUses") },
              { label: t("colState"), mobile: { full: true } },
            ]}
          >
            {coupons.map((c) => (
              <tr key={c.id} data-testid="coupon-row">
                <td className="px-4 py-2 align-top">
                  <p className="font-semibold">{c.name}</p>
                  <p className="font-mono text-sm">
                    {c.code ? t("sharedCode", { code: c.code }) : `${t("issuedCodes")} · ${t("issuedCount", { count: c.issued })}`}
                  </p>
                </td>
                <td className="px-4 py-2 align-top text-sm">
                  {terms(c).map((line) => (
                    <p key={line}>{line}</p>
                  ))}
                </td>
                <td className="whitespace-nowrap px-4 py-2 align-top text-sm">
                  {c.endsOn ? t("fromTo", { from: c.startsOn, to: c.endsOn }) : t("from", { from: c.startsOn })}
                </td>
                <td className="px-4 py-2 align-top text-sm">
                  {c.totalLimit
                    ? t("usesOfLimit", { uses: c.uses, limit: c.totalLimit, discount: won(c.discountTotal) })
                    : t("uses", { uses: c.uses, discount: won(c.discountTotal) })}
                </td>
                <td className="px-4 py-2 align-top">
                  <Badge tone={c.pausedAt ? "neutral" : "green"}>{c.pausedAt ? t("paused") : t("active")}</Badge>
                  <ActionForm
                    className="mt-2"
                    action={pauseCouponAction}
                    hidden={{ id: c.id, paused: c.pausedAt ? "0" : "1" }}
                    submitLabel={c.pausedAt ? t("resume") : t("pause")}
                  />
                  {c.codeMode === "issued" && (
                    <ActionForm
                      className="mt-2 space-y-2"
                      action={issueCouponAction}
                      hidden={{ id: c.id }}
                      submitLabel={t("issue")}
                      resetOnSuccess
                    >
                      <PhoneField label={t("issuePhone")} autoComplete="off" />
                    </ActionForm>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Section>
    </div>
  );
}
