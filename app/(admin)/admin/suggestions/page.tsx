import { requestNow } from "@/lib/web/now";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { ActionForm } from "@/components/ui/action-form";
import { DataTable, EmptyState } from "@/components/admin/data-table";
import { PageHeader, Section } from "@/components/admin/page-header";
import { Badge } from "@/components/ui/badge";
import { requirePagePermission } from "@/lib/auth/session";
import { formatMetric } from "@/components/metrics/format";
import { SUGGESTION_POLICY } from "@/lib/suggestions/rules";
import { listSuggestionPairs, suggestionTakeUp } from "@/lib/suggestions/suggestions";
import { SUGGESTION_SURFACES } from "@/db/schema";
import { switchPairAction } from "./actions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("coupons.suggest"))("title") };
}

/** The owner's view of complementary suggestions: the rule, the take-up rate, and each pair's switch. */
export default async function SuggestionsPage() {
  await requirePagePermission("coupons", "/admin/suggestions");
  const t = await getTranslations("coupons.suggest");
  const locale = await getLocale();
  const db = getDb();
  const now = requestNow();
  const takeUp = suggestionTakeUp({ db, now });
  const pairs = listSuggestionPairs({ db, now });
  const pct = (v: number | null) => formatMetric("rate", v, (k) => k, locale);
  return (
    <div className="max-w-5xl space-y-8">
      <PageHeader title={t("title")} lead={t("intro")} />
      <p className="text-sm text-stone-700">
        {t("rule", {
          minSupport: SUGGESTION_POLICY.minSupport,
          minConfidence: SUGGESTION_POLICY.minConfidence * 100,
          lookbackDays: SUGGESTION_POLICY.lookbackDays,
        })}
      </p>
      <Section title={t("takeUpTitle")} lead={t("takeUpHint")} testId="suggestion-take-up">
        <p className="text-3xl font-bold" data-testid="take-up-rate">
          {pct(takeUp.value)}{" "}
          <span className="text-base font-normal text-stone-700">
            {t("takeUpValue", { taken: takeUp.taken, eligible: takeUp.eligible })}
          </span>
        </p>
        <ul className="mt-2 flex flex-wrap gap-x-6 text-sm text-stone-700">
          {SUGGESTION_SURFACES.map((s) => (
            <li key={s}>
              {t(`surface_${s}`)}: {pct(takeUp.by_surface[s].value)} (
              {t("takeUpValue", { taken: takeUp.by_surface[s].taken, eligible: takeUp.by_surface[s].eligible })})
            </li>
          ))}
        </ul>
        {takeUp.too_recent > 0 && <p className="mt-2 text-sm text-stone-600">{t("tooRecent", { count: takeUp.too_recent })}</p>}
      </Section>
      <Section title={t("pairs")}>
        {pairs.length === 0 ? (
          <EmptyState>{t("none")}</EmptyState>
        ) : (
          <DataTable
            testId="suggestion-pairs"
            columns={[
              { label: t("colPair"), mobile: { order: 1, full: true, bare: true } },
              { label: t("colSupport"), align: "right" },
              { label: t("colConfidence"), align: "right" },
              { label: t("colState"), mobile: { full: true, bare: true } },
            ]}
          >
            {pairs.map((p) => (
              <tr key={`${p.a}:${p.b}`} data-testid="suggestion-pair">
                <td className="px-4 py-2 font-semibold">
                  {p.aName} ↔ {p.bName}
                </td>
                <td className="px-4 py-2 text-right tabular-nums">{p.support}</td>
                <td className="px-4 py-2 text-right tabular-nums">
                  {pct(p.confidenceAB)} / {pct(p.confidenceBA)}
                </td>
                <td className="px-4 py-2">
                  <div className="flex flex-wrap items-center gap-2">
                    <Badge tone={p.off ? "neutral" : "green"}>{p.off ? t("off") : t("on")}</Badge>
                    <ActionForm
                      action={switchPairAction}
                      hidden={{ a: p.a, b: p.b, off: p.off ? "0" : "1" }}
                      submitLabel={p.off ? t("switchOn") : t("switchOff")}
                    />
                  </div>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Section>
    </div>
  );
}
