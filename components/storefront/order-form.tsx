"use client";

import { startTransition, useActionState, useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";
import { Field, FieldError, PhoneField, TextAreaField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { ProductPhoto } from "@/components/ui/product-photo";
import { formatWon } from "@/lib/format";
import type { PickupSlotListing } from "@/lib/storefront/listing";
import type { MinNotice } from "@/lib/products/min-notice";
import type { MenuCartLine, MenuProduct } from "@/lib/storefront/menu";
import { RestockSheet, RestockSubscribed, type RestockActions, type RestockViewer } from "./restock-button";
import type { FormAction } from "@/lib/actions";
import { cx } from "@/components/ui/cx";
import { orderPaymentPolicy } from "@/lib/payments/rules";

type CartLine = MenuCartLine & { key: string };
type Selection = Record<number, number | null>;

const lineKey = (productId: number, optionIds: readonly number[]) => `${productId}:${[...optionIds].sort((a, b) => a - b).join(".")}`;

function defaultSelection(product: MenuProduct): Selection {
  return Object.fromEntries(product.optionGroups.map((g) => [g.id, g.required && g.choices.length ? g.choices[0].id : null]));
}

function unitPrice(product: MenuProduct, optionIds: readonly number[]): number {
  let price = product.price;
  for (const g of product.optionGroups) for (const c of g.choices) if (optionIds.includes(c.id)) price += c.priceDelta;
  return price;
}

function optionNames(product: MenuProduct, optionIds: readonly number[]): string {
  return product.optionGroups.flatMap((g) => g.choices.filter((c) => optionIds.includes(c.id)).map((c) => c.name)).join(" · ");
}

function signedWon(delta: number, locale: string): string {
  return delta >= 0 ? `+${formatWon(delta, locale)}` : `−${formatWon(-delta, locale)}`;
}

export function OrderForm({
  date,
  dateLabel,
  slots,
  products,
  consent,
  initialCart,
  idempotencyKey,
  restock,
  actions,
  prepayment = { offered: false, holdMinutes: 10 },
}: {
  date: string;
  /** The pickup date as the page prints it (formatted on the server: no date formatter on the phone). */
  dateLabel: string;
  slots: PickupSlotListing[];
  products: MenuProduct[];
  consent: { privacy: { version: number; body: string }; marketing: { version: number; body: string } };
  initialCart: MenuCartLine[];
  idempotencyKey: string;
  /** Who is looking, for "입고 알림 받기" on sold-out products. */
  restock?: RestockViewer;
  /** The server actions: placing the order, and the restock sheet's. */
  actions: RestockActions & { placeOrder: FormAction };
  /** Whether prepayment is offered, and how long an unpaid order is held. */
  prepayment?: { offered: boolean; holdMinutes: number };
}) {
  const t = useTranslations("storefront");
  const locale = useLocale();
  const router = useRouter();
  const [state, formAction, pending] = useActionState(actions.placeOrder, null);
  // One key for the life of this form: a double tap or a retry after a lost answer returns the first order.
  const [key] = useState(idempotencyKey);
  const [cart, setCart] = useState<CartLine[]>(() => initialCart.map((l) => ({ ...l, key: lineKey(l.productId, l.optionIds) })));
  const [selections, setSelections] = useState<Record<number, Selection>>(() =>
    Object.fromEntries(products.map((p) => [p.id, defaultSelection(p)])),
  );
  const [chosenSlot, setSlot] = useState(() => slots.find((s) => s.open)?.slot ?? "");
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [note, setNote] = useState("");
  const [couponCode, setCouponCode] = useState("");
  const [privacy, setPrivacy] = useState(false);
  const [marketing, setMarketing] = useState(false);
  const [prepay, setPrepay] = useState(false);
  const [restockFor, setRestockFor] = useState<MenuProduct | null>(null);
  const [submittedCart, setSubmittedCart] = useState<CartLine[] | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  const noticeText = (n: MinNotice) => (n.kind === "hours" ? t("noticeHours", { hours: n.hours }) : t("noticeDayBefore", { time: n.time }));
  const byId = useMemo(() => new Map(products.map((p) => [p.id, p])), [products]);
  const cartPolicy = orderPaymentPolicy(
    "at_pickup",
    cart.map((l) => ({ paymentPolicy: byId.get(l.productId)?.paymentPolicy ?? "at_pickup" })),
  );
  const fieldErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const failed = !!state && !state.ok;

  useEffect(() => {
    if (!failed) return;
    errorRef.current?.focus();
    // Stock or slots may have moved: fetch fresh numbers. Client state (cart, fields) stays.
    router.refresh();
  }, [state, failed, router]);

  // A product with its own minimum notice rules out the slots it cannot be made for.
  const blockedBy = (slotLabel: string) => cart.map((l) => byId.get(l.productId)).find((p) => p && !p.noticeSlots.includes(slotLabel));
  const usable = (s: PickupSlotListing) => s.open && !blockedBy(s.slot);
  const slot = slots.some((s) => s.slot === chosenSlot && usable(s)) ? chosenSlot : (slots.find(usable)?.slot ?? "");
  const chosen = slots.find((s) => s.slot === slot);

  const inCart = (productId: number) => cart.filter((l) => l.productId === productId).reduce((s, l) => s + l.quantity, 0);
  const limitOf = (p: MenuProduct) => Math.min(p.available, p.maxPerOrder);

  function add(product: MenuProduct) {
    const optionIds = Object.values(selections[product.id] ?? {}).filter((v): v is number => v !== null);
    if (inCart(product.id) >= limitOf(product)) return;
    const k = lineKey(product.id, optionIds);
    setCart((lines) =>
      lines.some((l) => l.key === k)
        ? lines.map((l) => (l.key === k ? { ...l, quantity: l.quantity + 1 } : l))
        : [...lines, { key: k, productId: product.id, optionIds, quantity: 1 }],
    );
  }

  function change(k: string, delta: number) {
    setCart((lines) =>
      lines
        .map((l) => {
          if (l.key !== k) return l;
          const product = byId.get(l.productId);
          const others = lines.filter((o) => o.productId === l.productId && o.key !== k).reduce((s, o) => s + o.quantity, 0);
          const max = product ? Math.max(0, limitOf(product) - others) : l.quantity;
          return { ...l, quantity: Math.min(l.quantity + delta, delta > 0 ? max : l.quantity + delta) };
        })
        .filter((l) => l.quantity > 0),
    );
  }

  const total = cart.reduce((sum, l) => {
    const p = byId.get(l.productId);
    return p ? sum + unitPrice(p, l.optionIds) * l.quantity : sum;
  }, 0);
  const count = cart.reduce((s, l) => s + l.quantity, 0);

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    setSubmittedCart(cart);
    const form = new FormData(e.currentTarget);
    form.set("items", JSON.stringify(cart.map((l) => ({ product_id: l.productId, quantity: l.quantity, options: l.optionIds }))));
    startTransition(() => formAction(form));
  }

  // Errors about cart line N only make sense for the cart that was sent.
  const lineError = (index: number, line: CartLine): string | undefined => {
    const left = fieldErrors[`product.${line.productId}`];
    if (left !== undefined) return Number(left) > 0 ? t("onlyLeft", { count: Number(left) }) : t("nowSoldOut");
    if (submittedCart !== cart) return undefined;
    return fieldErrors[`items.${index}.quantity`] ?? fieldErrors[`items.${index}.product_id`] ?? fieldErrors[`items.${index}.options`];
  };

  return (
    <>
      <form onSubmit={submit} noValidate className="space-y-6" aria-describedby={failed ? "order-error" : undefined}>
        <input type="hidden" name="idempotency_key" value={key} />
        <input type="hidden" name="pickup_date" value={date} />

        <ul className="space-y-4">
          {products.map((p) => {
            const tooLate = p.noticeSlots.length === 0;
            const soldOut = p.available <= 0;
            const have = inCart(p.id);
            const full = have >= limitOf(p);
            return (
              <li key={p.id} className="rounded-2xl border border-stone-200 bg-white p-4" data-testid="product-card">
                <div className="flex items-start justify-between gap-3">
                  {p.photoKey && <ProductPhoto photoKey={p.photoKey} alt={p.name} sizes="96px" className="size-24 shrink-0 rounded-xl" />}
                  <div className="min-w-0 flex-1">
                    <h3 className="text-lg font-bold leading-snug">{p.name}</h3>
                    {p.description && <p className="mt-0.5 text-sm text-stone-600">{p.description}</p>}
                    <p className="mt-1 text-base font-semibold">{formatWon(p.price, locale)}</p>
                    {p.paymentPolicy === "required" && (
                      <p className="mt-1 text-sm font-semibold text-brand-700" data-testid="prepay-required">
                        {t("prepayRequiredBadge")}
                      </p>
                    )}
                    {p.minNotice && (
                      <p className={cx("mt-1 text-sm font-semibold", tooLate ? "text-red-700" : "text-amber-800")} data-testid="min-notice">
                        {noticeText(p.minNotice)}
                        {tooLate && ` · ${t("noticePassed")}`}
                      </p>
                    )}
                  </div>
                  <span
                    className={cx(
                      "shrink-0 rounded-full px-2.5 py-1 text-sm font-semibold",
                      soldOut
                        ? "bg-stone-200 text-stone-700"
                        : p.available <= 3
                          ? "bg-amber-100 text-amber-900"
                          : "bg-green-100 text-green-800",
                    )}
                    data-testid="availability"
                  >
                    {soldOut ? t("soldOut") : t("left", { count: p.available })}
                  </span>
                </div>
                {!soldOut &&
                  !tooLate &&
                  p.optionGroups.map((g) => (
                    <fieldset key={g.id} className="mt-3">
                      <legend className="mb-1 text-sm font-semibold text-stone-700">
                        {g.name}
                        {g.required && <span className="sr-only"> ({t("optionRequired")})</span>}
                      </legend>
                      <div className="flex flex-wrap gap-2">
                        {[...(g.required ? [] : [{ id: null, name: t("optionNone"), priceDelta: 0 }]), ...g.choices].map((c) => (
                          <label
                            key={c.id ?? "none"}
                            className="flex min-h-11 cursor-pointer items-center gap-2 rounded-xl border border-stone-300 px-3 text-base has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500"
                          >
                            <input
                              type="radio"
                              name={`option-${p.id}-${g.id}`}
                              className="size-4 accent-brand-600"
                              checked={(selections[p.id]?.[g.id] ?? null) === c.id}
                              onChange={() => setSelections((s) => ({ ...s, [p.id]: { ...s[p.id], [g.id]: c.id } }))}
                            />
                            <span>{c.name}</span>
                            {c.priceDelta !== 0 && <span className="text-sm text-stone-600">{signedWon(c.priceDelta, locale)}</span>}
                          </label>
                        ))}
                      </div>
                    </fieldset>
                  ))}
                <div className="mt-3 flex items-center justify-end gap-3">
                  {have > 0 && (
                    <span className="text-sm text-stone-700" aria-live="polite">
                      {t("cart")} {t("cartCount", { count: have })}
                    </span>
                  )}
                  {full && !soldOut && have > 0 && <span className="text-sm text-stone-600">{t("maxReached", { count: limitOf(p) })}</span>}
                  {soldOut &&
                    restock &&
                    (restock.waiting.includes(p.id) ? (
                      <RestockSubscribed />
                    ) : (
                      <button
                        type="button"
                        className={buttonClass("primary", "min-w-24")}
                        onClick={() => setRestockFor(p)}
                        aria-label={t("restock.subscribeNamed", { name: p.name })}
                      >
                        {t("restock.subscribe")}
                      </button>
                    ))}
                  <button
                    type="button"
                    className={buttonClass(soldOut || tooLate ? "secondary" : "primary", "min-w-24")}
                    disabled={soldOut || full || tooLate}
                    onClick={() => add(p)}
                    aria-label={
                      soldOut
                        ? `${p.name} ${t("soldOut")}`
                        : tooLate
                          ? `${t("noticePassedShort")} · ${p.name} · ${t("noticePassed")}`
                          : t("addNamed", { name: p.name })
                    }
                  >
                    {soldOut ? t("soldOut") : tooLate ? t("noticePassedShort") : t("add")}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>

        <section id="cart" aria-labelledby="cart-heading" className="rounded-2xl border border-stone-200 bg-white p-4" data-testid="cart">
          <h2 id="cart-heading" className="text-lg font-bold">
            {t("cart")} {count > 0 && <span className="text-stone-600">({t("cartCount", { count })})</span>}
          </h2>
          {cart.length === 0 ? (
            <p className="mt-2 text-stone-600">{t("cartEmpty")}</p>
          ) : (
            <ul className="mt-2 divide-y divide-stone-200">
              {cart.map((line, index) => {
                const p = byId.get(line.productId);
                if (!p) return null;
                const error = lineError(index, line);
                const opts = optionNames(p, line.optionIds);
                const label = opts ? `${p.name} (${opts})` : p.name;
                return (
                  <li key={line.key} className="py-3" data-testid="cart-line">
                    <div className="flex items-center gap-2">
                      <div className="min-w-0 flex-1">
                        <p className="font-semibold">{p.name}</p>
                        {opts && <p className="text-sm text-stone-600">{opts}</p>}
                        <p className="text-sm text-stone-700">{formatWon(unitPrice(p, line.optionIds) * line.quantity, locale)}</p>
                      </div>
                      <button
                        type="button"
                        className={buttonClass("secondary", "w-11 px-0 text-xl")}
                        aria-label={t("decrease", { name: label })}
                        onClick={() => change(line.key, -1)}
                      >
                        −
                      </button>
                      <output className="w-8 text-center text-lg font-bold" aria-label={t("quantityOf", { name: label })}>
                        {line.quantity}
                      </output>
                      <button
                        type="button"
                        className={buttonClass("secondary", "w-11 px-0 text-xl")}
                        aria-label={t("increase", { name: label })}
                        disabled={inCart(p.id) >= limitOf(p)}
                        onClick={() => change(line.key, 1)}
                      >
                        +
                      </button>
                    </div>
                    <FieldError error={error} />
                  </li>
                );
              })}
            </ul>
          )}
          <FieldError error={fieldErrors.items} />
          <div className="mt-3 flex items-baseline justify-between border-t border-stone-200 pt-3">
            <span className="font-semibold">{t("total")}</span>
            <span className="text-xl font-bold" data-testid="cart-total">
              {formatWon(total, locale)}
            </span>
          </div>
          <p className="mt-1 text-sm text-stone-600">{t("totalHint")}</p>
        </section>

        <fieldset
          id="slots"
          className="scroll-mt-4 rounded-2xl border border-stone-200 bg-white p-4"
          aria-describedby={fieldErrors.slot ? "slot-error" : undefined}
        >
          <legend className="float-left mb-3 w-full text-lg font-bold">{t("slot")}</legend>
          <div className="clear-both grid grid-cols-2 gap-2">
            {slots.map((s) => {
              const blocker = s.open ? blockedBy(s.slot) : undefined;
              return (
                <label
                  key={s.slot}
                  className="flex min-h-14 cursor-pointer flex-col justify-center rounded-xl border border-stone-300 px-3 py-2 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:disabled]:cursor-not-allowed has-[:disabled]:bg-stone-100 has-[:disabled]:text-stone-600 has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500"
                >
                  <span className="flex items-center gap-2">
                    <input
                      type="radio"
                      name="slot"
                      value={s.slot}
                      disabled={!usable(s)}
                      checked={slot === s.slot}
                      onChange={() => setSlot(s.slot)}
                      className="size-4 accent-brand-600"
                    />
                    <span className="font-semibold">{s.slot}</span>
                  </span>
                  <span className="text-sm">
                    {blocker
                      ? t("slotTooSoonFor", { name: blocker.name })
                      : s.open
                        ? t("slotRemaining", { count: s.remaining })
                        : s.remaining <= 0
                          ? t("slotFull")
                          : t("slotClosed")}
                  </span>
                </label>
              );
            })}
          </div>
          <FieldError id="slot-error" error={fieldErrors.slot ?? fieldErrors.pickup_date} />
        </fieldset>

        <fieldset id="checkout" className="space-y-4 rounded-2xl border border-stone-200 bg-white p-4">
          <legend className="float-left mb-3 w-full text-lg font-bold">{t("you")}</legend>
          <Field
            className="clear-both"
            label={t("name")}
            name="name"
            autoComplete="name"
            maxLength={40}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={fieldErrors["customer.name"]}
          />
          <PhoneField
            label={t("phone")}
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            hint={t("phoneHint")}
            error={fieldErrors["customer.phone"] ?? fieldErrors.phone}
          />
          <TextAreaField
            label={t("note")}
            name="note"
            maxLength={500}
            rows={2}
            placeholder={t("notePlaceholder")}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            error={fieldErrors.note}
          />
          <Field
            label={t("couponCode")}
            name="coupon_code"
            autoComplete="off"
            autoCapitalize="characters"
            maxLength={40}
            value={couponCode}
            onChange={(e) => setCouponCode(e.target.value)}
            hint={t("couponHint")}
            error={fieldErrors.coupon_code}
          />
        </fieldset>

        <fieldset className="space-y-3 rounded-2xl border border-stone-200 bg-white p-4">
          <legend className="float-left mb-3 w-full text-lg font-bold">{t("consents")}</legend>
          <div className="clear-both">
            <p id="privacy-text" className="rounded-xl bg-stone-100 p-3 text-sm leading-relaxed text-stone-700">
              {consent.privacy.body} <span className="text-stone-600">({t("consentVersion", { version: consent.privacy.version })})</span>
            </p>
            <label className="mt-2 flex min-h-11 items-center gap-3 text-base font-semibold">
              <input
                type="checkbox"
                name="privacy"
                checked={privacy}
                onChange={(e) => setPrivacy(e.target.checked)}
                aria-describedby={fieldErrors["consent.privacy"] ? "privacy-text privacy-error" : "privacy-text"}
                aria-invalid={fieldErrors["consent.privacy"] ? true : undefined}
                className="size-5 shrink-0 accent-brand-600"
              />
              {t("privacyConsent")}
            </label>
            <FieldError id="privacy-error" error={fieldErrors["consent.privacy"]} />
          </div>
          <div>
            <p id="marketing-text" className="rounded-xl bg-stone-100 p-3 text-sm leading-relaxed text-stone-700">
              {consent.marketing.body}
            </p>
            <label className="mt-2 flex min-h-11 items-center gap-3 text-base">
              <input
                type="checkbox"
                name="marketing"
                checked={marketing}
                onChange={(e) => setMarketing(e.target.checked)}
                aria-describedby="marketing-text"
                className="size-5 shrink-0 accent-brand-600"
              />
              {t("marketingConsent")}
            </label>
          </div>
        </fieldset>

        {prepayment.offered && cartPolicy !== "at_pickup" && (
          <fieldset className="rounded-2xl border border-stone-200 bg-white p-4" data-testid="payment-choice">
            <legend className="float-left mb-2 w-full text-lg font-bold">{t("paymentHeading")}</legend>
            {cartPolicy === "required" ? (
              <p className="clear-both text-base">
                <input type="hidden" name="payment" value="prepay" />
                {t("prepayRequired", { minutes: prepayment.holdMinutes })}
              </p>
            ) : (
              <div className="clear-both space-y-1">
                <label className="flex min-h-11 items-center gap-3 text-base">
                  <input
                    type="radio"
                    name="payment"
                    value="prepay"
                    checked={prepay}
                    onChange={() => setPrepay(true)}
                    className="size-4 accent-brand-600"
                  />
                  {t("prepayNow", { minutes: prepayment.holdMinutes })}
                </label>
                <label className="flex min-h-11 items-center gap-3 text-base">
                  <input
                    type="radio"
                    name="payment"
                    value="at_pickup"
                    checked={!prepay}
                    onChange={() => setPrepay(false)}
                    className="size-4 accent-brand-600"
                  />
                  {t("payAtPickup")}
                </label>
              </div>
            )}
          </fieldset>
        )}

        {failed && (
          <div ref={errorRef} tabIndex={-1} id="order-error" className="outline-none">
            <Notice testId="order-error">{state.message}</Notice>
          </div>
        )}

        <div className="sticky bottom-0 -mx-4 border-t border-stone-200 bg-stone-50/95 px-4 py-3 backdrop-blur">
          <p className="mb-2 flex items-center justify-between gap-3 text-base" data-testid="chosen-pickup">
            <span>
              <span className="text-stone-700">{t("pickupAt")} </span>
              <strong>{chosen ? t("pickupWhen", { date: dateLabel, slot: chosen.slot }) : t("noSlotChosen")}</strong>
            </span>
            <a
              href="#slots"
              className="inline-flex min-h-11 shrink-0 items-center font-semibold text-brand-700 underline underline-offset-2"
            >
              {t("changeSlot")}
            </a>
          </p>
          <button
            type="submit"
            className={buttonClass("primary", "min-h-14 w-full text-lg")}
            disabled={pending || count === 0}
            aria-busy={pending}
          >
            {pending ? t("placing") : count === 0 ? t("placeOrderEmpty") : t("placeOrder", { total: formatWon(total, locale) })}
          </button>
        </div>
      </form>
      {restockFor && restock && (
        <RestockSheet
          productId={restockFor.id}
          productName={restockFor.name}
          viewer={restock}
          actions={actions}
          onClose={() => setRestockFor(null)}
        />
      )}
    </>
  );
}
