"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { formatWon } from "@/lib/format";
import { ProductPhoto } from "@/components/ui/product-photo";
import type { FormAction } from "@/lib/actions";
import { cn } from "@/components/ui/cn";
import { suggestForCounter, type CounterSuggestionRules } from "@/lib/suggestions/counter";

type CounterProduct = { id: number; name: string; price: number; available: number; photoKey?: string | null };

function newBasketId(): string {
  return `counter-${crypto.randomUUID()}`;
}

/** Quick sale: tap products to count them, optionally a phone for points, record. */
/** What the counter shows after a sale: its total, the coupon discount, the points earned, lines sold beyond stock. */
export type RecordedSale = { saleId: number; total: number; discount: number; points: number; excess: number };

export function CounterForm({
  products,
  recordSale,
  suggestionRules = {},
}: {
  products: CounterProduct[];
  recordSale: FormAction<RecordedSale>;
  suggestionRules?: CounterSuggestionRules;
}) {
  const t = useTranslations("rack.counter");
  const tc = useTranslations("coupons.counter");
  const locale = useLocale();
  const router = useRouter();
  const [basket, setBasket] = useState<Record<number, number>>({});
  const [phone, setPhone] = useState("");
  const [couponCode, setCouponCode] = useState("");
  // Every product the screen suggested while this basket was rung up: recorded with the sale.
  const [shown, setShown] = useState<Map<number, number>>(() => new Map());
  const [basketId, setBasketId] = useState(newBasketId);
  const [result, setResult] = useState<{ ok: boolean; text: string; saleId?: number } | null>(null);
  const [pending, startTransition] = useTransition();

  const lines = products.filter((p) => basket[p.id]);
  const total = lines.reduce((sum, p) => sum + p.price * basket[p.id], 0);
  // What is in the customer's hand is always sold: beyond the plan it is a stock discrepancy, not a refusal.
  const change = (id: number, delta: number) =>
    setBasket((b) => {
      const next = Math.max(0, Math.min(999, (b[id] ?? 0) + delta));
      const copy = { ...b, [id]: next };
      if (!next) delete copy[id];
      return copy;
    });

  const suggestions = suggestForCounter(
    suggestionRules,
    lines.map((p) => p.id),
    new Set(products.map((p) => p.id)),
  );
  // Remember every suggestion this basket showed (set while rendering, React's pattern for
  // state that follows other state): a suggestion taken leaves the list but is still recorded.
  const suggestionKey = suggestions.map((s) => s.productId).join(",");
  const [seenKey, setSeenKey] = useState("");
  if (suggestionKey !== seenKey) {
    setSeenKey(suggestionKey);
    const missing = suggestions.filter((s) => !shown.has(s.productId));
    if (missing.length) setShown(new Map([...shown, ...missing.map((s) => [s.productId, s.forProductId] as const)]));
  }

  function record() {
    const form = new FormData();
    form.set("items", JSON.stringify(lines.map((p) => ({ product_id: p.id, quantity: basket[p.id] }))));
    form.set("customer_phone", phone);
    form.set("external_id", basketId);
    form.set("coupon_code", couponCode);
    form.set("suggested", JSON.stringify([...shown].map(([productId, forProductId]) => ({ productId, forProductId }))));
    startTransition(async () => {
      const state = await recordSale(null, form);
      if (state?.ok && state.data) {
        const paid = t("recorded", { total: formatWon(state.data.total, locale), points: state.data.points });
        const recorded =
          state.data.discount > 0 ? `${paid} · ${tc("discounted", { discount: formatWon(state.data.discount, locale) })}` : paid;
        setResult({
          ok: true,
          text: state.data.excess > 0 ? `${recorded} · ${t("excessRecorded", { count: state.data.excess })}` : recorded,
          saleId: state.data.saleId,
        });
        setBasket({});
        setPhone("");
        setCouponCode("");
        setShown(new Map());
        setBasketId(newBasketId());
        router.refresh();
      } else {
        setResult({ ok: false, text: state?.message ?? t("failed") });
        router.refresh();
      }
    });
  }

  return (
    <div className="mt-4 grid items-start gap-4 lg:grid-cols-[1fr_320px]">
      <ul className="grid grid-cols-[repeat(auto-fill,minmax(180px,1fr))] content-start gap-3" aria-label={t("productsLabel")}>
        {products.length === 0 && <li className="text-lg text-stone-700">{t("noProducts")}</li>}
        {products.map((p) => {
          const count = basket[p.id] ?? 0;
          const left = p.available - count;
          return (
            <li
              key={p.id}
              data-testid="counter-product"
              className={cn("rounded-2xl border-2 bg-white p-3", count ? "border-brand-600" : "border-stone-200")}
            >
              <button type="button" onClick={() => change(p.id, 1)} className="block min-h-16 w-full text-left">
                {p.photoKey && <ProductPhoto photoKey={p.photoKey} alt="" sizes="180px" className="mb-2 aspect-[4/3] w-full rounded-xl" />}
                <span className="block text-lg font-bold">{p.name}</span>
                <span className="block text-base text-stone-700">{formatWon(p.price, locale)}</span>
                <span className={cn("block text-base font-semibold", left < 0 ? "text-red-800" : "text-stone-700")}>
                  {left < 0 ? t("overPlan", { count: -left }) : left === 0 ? t("soldOut") : t("available", { count: left })}
                </span>
              </button>
              {count > 0 && (
                <div className="mt-2 flex items-center gap-2">
                  <button
                    type="button"
                    onClick={() => change(p.id, -1)}
                    aria-label={t("less", { name: p.name })}
                    className="size-11 rounded-xl border border-stone-300 text-2xl font-bold"
                  >
                    −
                  </button>
                  <span className="flex-1 text-center text-xl font-bold" aria-live="polite">
                    {t("count", { count })}
                  </span>
                  <button
                    type="button"
                    onClick={() => change(p.id, 1)}
                    aria-label={t("more", { name: p.name })}
                    className="size-11 rounded-xl border border-stone-300 text-2xl font-bold disabled:opacity-50"
                  >
                    +
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <aside className="h-fit rounded-2xl border border-stone-200 bg-white p-4">
        <h2 className="text-lg font-bold">{t("basket")}</h2>
        {lines.length === 0 ? (
          <p className="mt-2 text-base text-stone-700">{t("empty")}</p>
        ) : (
          <ul className="mt-2 space-y-1 text-base">
            {lines.map((p) => (
              <li key={p.id} className="flex justify-between gap-2">
                <span>
                  {p.name} ×{basket[p.id]}
                </span>
                <span>{formatWon(p.price * basket[p.id], locale)}</span>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-3 flex justify-between text-xl font-bold">
          <span>{t("total")}</span>
          <span data-testid="counter-total">{formatWon(total, locale)}</span>
        </p>
        <label htmlFor="counter-phone" className="mt-3 block text-sm font-semibold text-stone-700">
          {t("phone")}
        </label>
        <input
          id="counter-phone"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          placeholder="010-1234-5678"
          className="mt-1 block min-h-11 w-full rounded-xl border border-stone-300 px-3 text-lg"
        />
        <p className="mt-1 text-sm text-stone-600">{t("phoneHint")}</p>
        <label htmlFor="counter-coupon" className="mt-3 block text-sm font-semibold text-stone-700">
          {tc("couponCode")}
        </label>
        <input
          id="counter-coupon"
          autoComplete="off"
          autoCapitalize="characters"
          maxLength={40}
          value={couponCode}
          onChange={(e) => setCouponCode(e.target.value)}
          className="mt-1 block min-h-11 w-full rounded-xl border border-stone-300 px-3 text-lg"
        />
        <p className="mt-1 text-sm text-stone-600">{tc("couponHint")}</p>
        {suggestions.length > 0 && (
          <div className="mt-3 rounded-xl border border-brand-200 bg-brand-50 p-3" data-testid="counter-suggestions">
            <p className="text-sm font-semibold">{tc("suggestTitle")}</p>
            <ul className="mt-1 space-y-1">
              {suggestions.map((s) => (
                <li key={s.productId}>
                  <button
                    type="button"
                    onClick={() => change(s.productId, 1)}
                    className="min-h-11 w-full rounded-lg bg-white px-3 text-left font-semibold"
                  >
                    + {s.name}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        <button
          type="button"
          disabled={pending || lines.length === 0}
          onClick={record}
          className="mt-3 min-h-12 w-full rounded-xl bg-brand-600 text-lg font-bold text-white disabled:bg-stone-400"
        >
          {pending ? t("recording") : t("record")}
        </button>
        {result && (
          <p
            role={result.ok ? "status" : "alert"}
            data-testid="counter-result"
            className={cn(
              "mt-3 rounded-xl border px-3 py-2 text-base",
              result.ok ? "border-green-300 bg-green-50 text-green-900" : "border-red-300 bg-red-50 text-red-800",
            )}
          >
            {result.text}
          </p>
        )}
        {result?.saleId && (
          <p className="mt-2 flex flex-wrap gap-2" data-testid="counter-receipt">
            {(["58", "80"] as const).map((paper) => (
              <a
                key={paper}
                href={`/rack/receipts/${result.saleId}?paper=${paper}`}
                target="_blank"
                rel="noopener"
                className="inline-flex min-h-11 items-center rounded-xl border border-stone-300 bg-white px-3 font-semibold"
              >
                {t("receipt", { paper })}
              </a>
            ))}
          </p>
        )}
      </aside>
    </div>
  );
}
