import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { formatDateTime, formatWon } from "@/lib/format";
import type { TierStatus } from "@/lib/loyalty/tiers";
import type { ReturnView } from "@/lib/returns/returns";

/** The customer's tier as a badge (staff card); nothing when no tier is reached. */
export async function TierBadge({ tier }: { tier: TierStatus }) {
  if (!tier.tier) return null;
  const t = await getTranslations("common.loyalty");
  return (
    <span data-testid="tier-badge">
      <Badge tone="brand">{t("tier", { name: tier.tier.name })}</Badge>
    </span>
  );
}

/** Tier, its points rate and what is left to the next one (the customer's `/me`). */
export async function TierProgress({ tier, testId = "tier-progress" }: { tier: TierStatus; testId?: string }) {
  const t = await getTranslations("common.loyalty");
  const locale = await getLocale();
  const rate = (bp: number) => `${(bp / 100).toLocaleString(locale === "en" ? "en-US" : "ko-KR", { maximumFractionDigits: 2 })}%`;
  return (
    <div data-testid={testId} className="space-y-1">
      <p className="text-lg font-bold">
        {tier.tier ? t("tierWithRate", { name: tier.tier.name, rate: rate(tier.tier.pointsRateBp) }) : t("noTier")}
      </p>
      {tier.next && (
        <p className="text-base text-stone-700" data-testid="tier-next">
          {t("toNext", {
            name: tier.next.name,
            amount: formatWon(tier.next.remainingWon, locale),
            days: tier.next.windowDays,
            rate: rate(tier.next.pointsRateBp),
          })}
        </p>
      )}
    </div>
  );
}

const listed = (lines: { name: string; quantity: number }[]) => lines.map((l) => `${l.name} ×${l.quantity}`).join(", ");

/** Returns and exchanges, newest first (staff card and `/me`). */
export async function ReturnList({ returns, testId }: { returns: ReturnView[]; testId: string }) {
  const t = await getTranslations("common.loyalty");
  const locale = await getLocale();
  if (returns.length === 0) return <p className="text-stone-600">{t("noReturns")}</p>;
  return (
    <ul className="space-y-2" data-testid={testId}>
      {returns.map((r) => (
        <li key={r.id} className="rounded-xl bg-stone-50 p-3" data-testid="return-row">
          <p className="text-sm text-stone-600">
            {formatDateTime(r.occurredAt, locale)} · {t(`kinds.${r.kind}`)} ·{" "}
            {r.orderId ? t("ofOrder", { id: r.orderId }) : t("ofSale", { id: r.saleId ?? 0 })}
          </p>
          <p>{listed(r.items)}</p>
          {r.given.length > 0 && <p>{t("given", { items: listed(r.given) })}</p>}
          <p className="text-sm">
            {t("refund", { amount: formatWon(r.refund, locale), method: t(`methods.${r.method}`) })}
            {r.pointsReversed > 0 && <> · {t("pointsBack", { points: r.pointsReversed })}</>}
            {r.restocked && <> · {t("restocked")}</>}
          </p>
        </li>
      ))}
    </ul>
  );
}
