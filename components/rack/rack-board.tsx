"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useRef, useState, useTransition } from "react";
import { formatDate } from "@/lib/format";
import { matchesFind, type RackBoard as Board, type RackCard } from "@/lib/rack/card-rules";
import { RackOrderCard, type CardMove, type MoveExtra } from "./rack-card";
import { useNow, useRackLive } from "./use-rack-live";
import type { RackActions } from "./rack-actions";
import { paymentTally, stillInSlot } from "@/lib/rack/close-out-rule";
import { formatWon } from "@/lib/format";
import { cn } from "@/components/ui/cn";

const LANES = ["placed", "ready", "arrived", "picked_up"] as const;
/** The undo offer stays this long; the server accepts an undo a little longer (UNDO_WINDOW_MS). */
const UNDO_SHOWN_MS = 10_000;

type Undo = { orderId: number; code: string; to: CardMove; rackSlot: string | null; until: number };

export function RackBoard({ initial, actions }: { initial: Board; actions: RackActions }) {
  const t = useTranslations("rack");
  const locale = useLocale();
  const { board, state, applyCard, clockOffset } = useRackLive(initial);
  const now = useNow(clockOffset);
  const [query, setQuery] = useState("");
  const [pendingId, setPendingId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [undo, setUndo] = useState<Undo | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const [, startTransition] = useTransition();
  const undoTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const visible = useMemo(() => board.cards.filter((c) => matchesFind(c, query)), [board.cards, query]);
  const noShows = board.cards.filter((c) => c.status === "no_show");
  // Counted when the confirm step opens: orders still inside their pickup window.
  const early = confirmClose ? stillInSlot({ board, now }) : 0;
  const tally = paymentTally(board.cards, board.refundedCancelled);
  const uncollected = board.cards.filter((c) => c.status === "placed" || c.status === "ready" || c.status === "arrived").length;
  const freeSlots =
    board.rackSlots.length -
    new Set(board.cards.filter((c) => (c.status === "ready" || c.status === "arrived") && c.rackSlot).map((c) => c.rackSlot)).size;

  function offerUndo(next: Undo) {
    if (undoTimer.current) clearTimeout(undoTimer.current);
    setUndo(next);
    undoTimer.current = setTimeout(() => setUndo(null), UNDO_SHOWN_MS);
  }

  function move(card: RackCard, to: CardMove, extra: MoveExtra = {}) {
    setPendingId(card.id);
    setError(null);
    startTransition(async () => {
      const result =
        to === "ready" ? await actions.markReady({ orderId: card.id }) : await actions.moveOrder({ orderId: card.id, to, ...extra });
      setPendingId(null);
      if (!result?.ok) {
        setError(result?.message ?? t("errors.generic"));
        return;
      }
      const updated = result.data?.card ?? null;
      applyCard(updated, card.id);
      // Putting an arrived order's bag on the rack is not a status change, so there is nothing to undo.
      if (!(to === "ready" && card.status === "arrived"))
        offerUndo({ orderId: card.id, code: card.code, to, rackSlot: updated?.rackSlot ?? null, until: Date.now() + UNDO_SHOWN_MS });
    });
  }

  function undoLast() {
    if (!undo) return;
    const target = undo;
    setUndo(null);
    startTransition(async () => {
      const result = await actions.undoMove({ orderId: target.orderId });
      if (!result?.ok) setError(result?.message ?? t("errors.generic"));
      else applyCard(result.data?.card ?? null, target.orderId);
    });
  }

  function closeOut() {
    startTransition(async () => {
      const result = await actions.closeOut({ date: board.date, confirm: "yes" });
      setConfirmClose(false);
      if (!result?.ok) setError(result?.message ?? t("errors.generic"));
      else setError(null);
    });
  }

  return (
    <div className="px-3 pt-2 pb-24">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold text-ink">{t("board.title", { date: formatDate(board.date, locale) })}</h1>
        <span
          data-testid="live-state"
          data-state={state}
          className={cn(
            "rounded-full px-3 py-1 text-sm font-semibold",
            state === "live" ? "bg-green-100 text-green-800" : "bg-amber-100 text-amber-950",
          )}
        >
          {t(`live.${state}`)}
        </span>
        <span className="text-base text-stone-700">{t("board.freeSlots", { free: freeSlots, total: board.rackSlots.length })}</span>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <label htmlFor="rack-find" className="sr-only">
            {t("find.label")}
          </label>
          <input
            id="rack-find"
            type="search"
            inputMode="search"
            autoComplete="off"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t("find.placeholder")}
            className="min-h-12 w-64 rounded-xl border-2 border-stone-300 bg-white px-3 text-xl focus:border-brand-500"
          />
          <Link href="/rack/scan" className="flex min-h-12 items-center rounded-xl bg-ink px-4 text-lg font-bold text-white">
            {t("find.scan")}
          </Link>
        </div>
      </div>

      {error && (
        <p role="alert" data-testid="rack-error" className="mt-2 rounded-xl border border-red-300 bg-red-50 px-4 py-2 text-lg text-red-800">
          {error}
        </p>
      )}

      <div className="mt-3 grid grid-cols-3 gap-2 xl:grid-cols-4 xl:gap-3">
        {LANES.map((lane) => {
          const cards = visible.filter((c) => c.status === lane);
          const slots = [...new Set(cards.map((c) => `${c.slotStart}–${c.slotEnd}`))];
          return (
            <section
              key={lane}
              aria-labelledby={`lane-${lane}`}
              data-testid={`lane-${lane}`}
              className={cn("min-w-0 rounded-2xl bg-stone-100 p-2", lane === "picked_up" ? "col-span-3 xl:col-span-1" : "")}
            >
              <h2 id={`lane-${lane}`} className="flex items-center justify-between px-1 pb-2 text-xl font-bold text-ink">
                {t(`lanes.${lane}`)} <span className="rounded-full bg-white px-2 text-lg">{cards.length}</span>
              </h2>
              {cards.length === 0 && <p className="px-1 py-4 text-base text-stone-600">{t("board.emptyLane")}</p>}
              {slots.map((slot) => (
                <div key={slot} className="mb-3">
                  <h3 className="px-1 pb-1 text-base font-semibold text-stone-700">{slot}</h3>
                  <ul className="space-y-2">
                    {cards
                      .filter((c) => `${c.slotStart}–${c.slotEnd}` === slot)
                      .map((card) => (
                        <RackOrderCard
                          key={card.id}
                          card={card}
                          now={now}
                          timezone={board.timezone}
                          busy={pendingId === card.id}
                          onMove={move}
                          compact={lane === "picked_up"}
                        />
                      ))}
                  </ul>
                </div>
              ))}
            </section>
          );
        })}
      </div>

      <section
        aria-labelledby="close-out-title"
        className="mt-4 flex flex-wrap items-center gap-3 rounded-2xl border border-stone-200 bg-white p-3"
      >
        <h2 id="close-out-title" className="text-lg font-bold">
          {t("closeOut.title")}
        </h2>
        <span className="text-base text-stone-700">{t("closeOut.noShows", { count: noShows.length })}</span>
        <span data-testid="paid-tally" className="text-base text-stone-700">
          <span className="font-semibold text-ink">
            {t("closeOut.paidTotal", { total: formatWon(tally.paid, locale), count: tally.count })}
          </span>
          {(["card", "cash", "transfer", "unknown"] as const)
            .filter((m) => m !== "unknown" || tally.byMethod.unknown > 0)
            .map((m) => (
              <span key={m} data-testid={`paid-${m}`}>
                {" · "}
                {t("closeOut.byMethod", { method: t(`methods.${m}`), total: formatWon(tally.byMethod[m], locale) })}
              </span>
            ))}
          <span data-testid="prepaid-tally" className="block">
            {t("closeOut.prepaidSplit", {
              prepaid: formatWon(tally.prepaid, locale),
              atPickup: formatWon(tally.atPickup, locale),
              refunded: formatWon(tally.refunded, locale),
            })}
          </span>
          {tally.discounts > 0 && (
            <span data-testid="paid-discounts">
              {" · "}
              {t("closeOut.discounts", { total: formatWon(tally.discounts, locale) })}
            </span>
          )}
        </span>
        {!confirmClose ? (
          <button
            type="button"
            disabled={uncollected === 0}
            onClick={() => setConfirmClose(true)}
            className="ml-auto min-h-12 rounded-xl border-2 border-red-700 px-4 text-lg font-bold text-red-800 disabled:border-stone-300 disabled:text-stone-500"
          >
            {t("closeOut.start", { count: uncollected })}
          </button>
        ) : (
          <div role="group" aria-label={t("closeOut.title")} className="ml-auto flex flex-wrap items-center gap-2">
            <span className="text-lg font-semibold text-red-800">{t("closeOut.confirmText", { count: uncollected })}</span>
            {early > 0 && (
              <span className="w-full text-base font-semibold text-amber-900" data-testid="close-out-early">
                {t("closeOut.early", { count: early })}
              </span>
            )}
            <button type="button" onClick={closeOut} className="min-h-12 rounded-xl bg-red-700 px-4 text-lg font-bold text-white">
              {t("closeOut.confirm")}
            </button>
            <button
              type="button"
              onClick={() => setConfirmClose(false)}
              className="min-h-12 rounded-xl border border-stone-300 px-4 text-lg"
            >
              {t("closeOut.cancel")}
            </button>
          </div>
        )}
      </section>

      {undo && (
        <div
          role="status"
          data-testid="undo-bar"
          className="fixed inset-x-3 bottom-3 z-10 mx-auto flex max-w-2xl items-center gap-3 rounded-2xl bg-ink px-4 py-3 text-lg text-white shadow-lg"
        >
          <span className="flex-1">{t(`undo.${undo.to}`, { code: undo.code, slot: undo.rackSlot ?? "" })}</span>
          <button type="button" onClick={undoLast} className="min-h-12 rounded-xl bg-white px-4 font-bold text-ink">
            {t("undo.button")}
          </button>
        </div>
      )}
    </div>
  );
}
