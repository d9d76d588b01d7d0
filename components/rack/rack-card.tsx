"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import type { PaymentMethod } from "@/db/schema";
import { formatWon } from "@/lib/format";
import { isLongWait, type RackCard } from "@/lib/rack/card-rules";
import { slotEnded } from "@/lib/rack/close-out-rule";
import { canTransition } from "@/lib/orders/transitions";
import { cn } from "@/components/ui/cn";

export type CardMove = "ready" | "arrived" | "picked_up" | "no_show";
/** What a move carries besides its target: the payment method of a hand-over, an early no-show's confirmation. */
export type MoveExtra = { paymentMethod?: PaymentMethod; early?: boolean };

/** The methods asked at hand-over, in the order the counter uses them most. */
const PAYMENT_METHODS = ["card", "cash", "transfer"] as const satisfies readonly PaymentMethod[];

/** Minutes and seconds since `from`, e.g. `2:05`. */
export function waitLabel(from: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - from) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

const BUTTON = "min-h-12 whitespace-nowrap rounded-xl px-2 text-lg font-bold disabled:opacity-50";

/**
 * One order on the board: readable from arm's length, one tap per step. It offers only the
 * moves the order's state allows: 건네줌 on an unpaid order asks how it was paid in the same
 * card; 노쇼 is offered once the pickup slot has ended, before that only as a confirmed early no-show.
 */
export function RackOrderCard({
  card,
  now,
  timezone,
  busy,
  onMove,
  compact = false,
}: {
  card: RackCard;
  now: number;
  timezone: string;
  busy: boolean;
  onMove: (card: RackCard, to: CardMove, extra?: MoveExtra) => void;
  compact?: boolean;
}) {
  const t = useTranslations("rack");
  const locale = useLocale();
  const [step, setStep] = useState<null | "pay" | "noShowEarly">(null);
  const longWait = isLongWait(card, now);
  const titleId = `order-${card.id}-title`;
  if (compact) {
    return (
      <li
        data-testid="rack-card"
        data-code={card.code}
        data-status={card.status}
        className="flex items-center gap-3 rounded-xl border border-stone-200 bg-white px-3 py-2"
      >
        <Link href={`/rack/orders/${card.id}`} className="flex min-h-11 items-center font-mono text-xl font-black text-stone-700">
          {card.code}
        </Link>
        <span className="truncate text-base text-stone-700">
          {card.customerName} · {card.phoneLast4}
        </span>
      </li>
    );
  }
  return (
    <li
      data-testid="rack-card"
      data-code={card.code}
      data-status={card.status}
      aria-labelledby={titleId}
      className={cn(
        "rounded-2xl border-2 bg-white p-3 shadow-sm",
        longWait ? "border-red-700 bg-red-50" : card.status === "arrived" ? "border-amber-500" : "border-stone-200",
      )}
    >
      <div className="flex items-start justify-between gap-2">
        <h3 id={titleId} className="m-0">
          <Link
            href={`/rack/orders/${card.id}`}
            className="inline-flex min-h-11 items-center font-mono text-4xl leading-none font-black tracking-wider text-ink underline-offset-4 hover:underline"
          >
            {card.code}
          </Link>
        </h3>
        {card.rackSlot ? (
          <span
            data-testid="rack-slot"
            className="rounded-lg bg-ink px-2 py-1 font-mono text-2xl font-black text-white"
            aria-label={t("card.rackSlotLabel", { slot: card.rackSlot })}
          >
            {card.rackSlot}
          </span>
        ) : card.status === "arrived" ? (
          <span className="rounded-lg border border-dashed border-stone-500 px-2 py-1 text-sm font-semibold text-stone-700">
            {t("card.noRackSlot")}
          </span>
        ) : null}
      </div>
      <p className="mt-1 text-xl font-bold text-ink">
        {card.customerName} <span className="font-mono text-stone-700">· {card.phoneLast4}</span>
        {card.tierName && (
          <span
            data-testid="card-tier"
            className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 align-middle text-sm font-semibold text-brand-700"
          >
            {t("card.tier", { name: card.tierName })}
          </span>
        )}
      </p>
      <p className="text-base text-stone-700">
        {card.slotStart}–{card.slotEnd} ·{" "}
        <span data-testid="card-status" className="font-semibold text-ink">
          {t("card.status", { status: t(`status.${card.status}`) })}
        </span>{" "}
        ·{" "}
        <span data-testid="card-payment" className={card.paid ? "font-semibold text-green-800" : "font-semibold text-amber-900"}>
          {card.paid
            ? card.paymentMethod
              ? t("card.paidWith", { method: t(`methods.${card.paymentMethod}`) })
              : t("card.paid")
            : `${t("card.unpaid")} ${formatWon(card.total, locale)}`}
        </span>
      </p>
      <ul className="mt-2 space-y-0.5 text-lg text-ink">
        {card.items.map((item, i) => (
          <li key={i}>
            <span className="font-semibold">{item.name}</span> ×{item.quantity}
            {item.options.length > 0 && <span className="text-base text-stone-700"> ({item.options.join(", ")})</span>}
          </li>
        ))}
      </ul>
      {card.note && <p className="mt-2 rounded-lg bg-amber-50 px-2 py-1 text-base text-amber-950">{t("card.note", { note: card.note })}</p>}
      {card.status === "arrived" && card.arrivedAt !== null && (
        <p
          data-testid="wait-timer"
          className={cn("mt-2 rounded-lg px-2 py-1 text-lg font-bold", longWait ? "bg-red-700 text-white" : "bg-amber-100 text-amber-950")}
        >
          <span suppressHydrationWarning>{t("card.waiting", { time: waitLabel(card.arrivedAt, now) })}</span>
          {longWait && <span> · {t("card.longWait")}</span>}
        </p>
      )}
      {step === "pay" ? (
        <CardStep
          testId="pay-step"
          tone="green"
          label={t("actions.payWith")}
          text={`${t("actions.payWith")} · ${formatWon(card.total, locale)}`}
          busy={busy}
          cancel={t("actions.cancelPay")}
          onCancel={() => setStep(null)}
        >
          {PAYMENT_METHODS.map((method) => (
            <button
              key={method}
              type="button"
              disabled={busy}
              onClick={() => onMove(card, "picked_up", { paymentMethod: method })}
              className={cn(BUTTON, "flex-1 bg-green-700 text-white")}
            >
              {t(`methods.${method}`)}
            </button>
          ))}
        </CardStep>
      ) : step === "noShowEarly" ? (
        <CardStep
          testId="no-show-early-step"
          tone="red"
          label={t("actions.noShowEarly")}
          text={t("actions.noShowEarlyConfirm", { slot: `${card.slotStart}–${card.slotEnd}` })}
          busy={busy}
          cancel={t("actions.cancelPay")}
          onCancel={() => setStep(null)}
        >
          <button
            type="button"
            disabled={busy}
            onClick={() => onMove(card, "no_show", { early: true })}
            className={cn(BUTTON, "flex-1 bg-red-700 text-white")}
          >
            {t("actions.noShowEarlyYes")}
          </button>
        </CardStep>
      ) : (
        <div className="mt-3 flex flex-wrap gap-2">
          {card.status === "placed" && (
            <button
              type="button"
              disabled={busy}
              onClick={() => onMove(card, "ready")}
              className={cn(BUTTON, "flex-1 bg-brand-600 text-white")}
            >
              {t("actions.ready")}
            </button>
          )}
          {card.status === "arrived" && !card.rackSlot && (
            <button
              type="button"
              disabled={busy}
              onClick={() => onMove(card, "ready")}
              className={cn(BUTTON, "flex-1 border-2 border-brand-600 text-brand-700")}
            >
              {t("actions.putOnRack")}
            </button>
          )}
          {(card.status === "placed" || card.status === "ready") && (
            <button
              type="button"
              disabled={busy}
              onClick={() => onMove(card, "arrived")}
              className={cn(BUTTON, "flex-1 border-2 border-amber-600 bg-amber-50 text-amber-950")}
            >
              {t("actions.arrived")}
            </button>
          )}
          {/* A paid (e.g. prepaid) order hands over in one tap, even before its bag is on the rack. */}
          {(card.status === "ready" || card.status === "arrived" || (card.status === "placed" && card.paid)) && (
            <button
              type="button"
              disabled={busy}
              onClick={() => (card.paid ? onMove(card, "picked_up") : setStep("pay"))}
              className={cn(BUTTON, "flex-1 bg-green-700 text-white")}
            >
              {t("actions.handOver")}
            </button>
          )}
          {canTransition(card.status, "no_show") &&
            (slotEnded({ card, now, timezone }) ? (
              <button
                type="button"
                disabled={busy}
                onClick={() => onMove(card, "no_show")}
                className={cn(BUTTON, "border border-stone-300 px-3 text-base text-stone-700")}
              >
                {t("actions.noShow")}
              </button>
            ) : (
              <button
                type="button"
                disabled={busy}
                onClick={() => setStep("noShowEarly")}
                className={cn(BUTTON, "border border-dashed border-stone-300 px-3 text-base font-semibold text-stone-600")}
              >
                {t("actions.noShowEarly")}
              </button>
            ))}
        </div>
      )}
    </li>
  );
}

const STEP_TONE = { green: "border-green-700 bg-green-50 text-green-900", red: "border-red-700 bg-red-50 text-red-900" } as const;

/** A second step inside the card (how it was paid, an early no-show): its question, its choices and a way back. */
function CardStep({
  testId,
  tone,
  label,
  text,
  busy,
  cancel,
  onCancel,
  children,
}: {
  testId: string;
  tone: keyof typeof STEP_TONE;
  label: string;
  text: string;
  busy: boolean;
  cancel: string;
  onCancel: () => void;
  children: React.ReactNode;
}) {
  return (
    <div role="group" aria-label={label} data-testid={testId} className={cn("mt-3 rounded-xl border-2 p-2", STEP_TONE[tone])}>
      <p className="px-1 pb-2 text-base font-semibold">{text}</p>
      <div className="flex flex-wrap gap-2">
        {children}
        <button
          type="button"
          disabled={busy}
          onClick={onCancel}
          className={cn(BUTTON, "border border-stone-300 bg-white px-3 text-base text-stone-700")}
        >
          {cancel}
        </button>
      </div>
    </div>
  );
}
