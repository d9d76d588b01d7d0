"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import type { RackCard } from "@/lib/rack/card-rules";
import { RackOrderCard, type CardMove, type MoveExtra } from "./rack-card";
import { useNow } from "./use-rack-live";
import type { RackActions } from "./rack-actions";
import { cn } from "@/components/ui/cn";

/** One order opened from the board or a scan: the same moves, plus changing its rack slot and printing its label. */
export function OrderDetail({
  card,
  freeSlots,
  serverNow,
  timezone,
  scannedArrived,
  actions,
}: {
  card: RackCard;
  freeSlots: string[];
  serverNow: number;
  timezone: string;
  scannedArrived: boolean;
  actions: RackActions;
}) {
  const t = useTranslations("rack");
  const router = useRouter();
  const [offset] = useState(() => ({ current: serverNow - Date.now() }));
  const now = useNow(offset);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(
    scannedArrived ? { ok: true, text: t("scan.markedArrived", { code: card.code }) } : null,
  );
  const [canUndo, setCanUndo] = useState(scannedArrived);
  const [pending, startTransition] = useTransition();

  function run(action: () => Promise<{ ok: boolean; message?: string } | null>, success: string, undoable: boolean) {
    startTransition(async () => {
      const result = await action();
      if (!result?.ok) setMessage({ ok: false, text: result?.message ?? t("errors.generic") });
      else {
        setMessage({ ok: true, text: success });
        setCanUndo(undoable);
      }
      router.refresh();
    });
  }

  const onMove = (c: RackCard, to: CardMove, extra: MoveExtra = {}) =>
    run(
      () => (to === "ready" ? actions.markReady({ orderId: c.id }) : actions.moveOrder({ orderId: c.id, to, ...extra })),
      t(`done.${to}`, { code: c.code }),
      !(to === "ready" && c.status === "arrived"),
    );

  return (
    <div className="mx-auto max-w-xl px-3 py-4">
      <Link href="/rack" className="inline-flex min-h-11 items-center text-lg font-semibold text-brand-700">
        ← {t("detail.back")}
      </Link>
      {message && (
        <div
          role={message.ok ? "status" : "alert"}
          data-testid="detail-message"
          className={cn(
            "my-2 flex items-center gap-3 rounded-xl border px-4 py-2 text-lg",
            message.ok ? "border-green-300 bg-green-50 text-green-900" : "border-red-300 bg-red-50 text-red-800",
          )}
        >
          <span className="flex-1">{message.text}</span>
          {message.ok && canUndo && (
            <button
              type="button"
              disabled={pending}
              className="min-h-11 rounded-xl border border-green-800 px-3 font-bold"
              onClick={() => run(() => actions.undoMove({ orderId: card.id }), t("undo.done"), false)}
            >
              {t("undo.button")}
            </button>
          )}
        </div>
      )}
      <ul className="mt-2">
        <RackOrderCard card={card} now={now} timezone={timezone} busy={pending} onMove={onMove} />
      </ul>
      {(card.status === "ready" || card.status === "arrived") && (
        <form
          className="mt-4 flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const rackSlot = String(new FormData(e.currentTarget).get("rackSlot") ?? "");
            run(() => actions.changeSlot({ orderId: card.id, rackSlot }), t("done.slotChanged", { code: card.code }), false);
          }}
        >
          <div>
            <label htmlFor="rack-slot-select" className="mb-1 block text-base font-semibold text-stone-700">
              {t("detail.changeSlot")}
            </label>
            <select
              id="rack-slot-select"
              name="rackSlot"
              defaultValue={card.rackSlot ?? ""}
              className="min-h-12 rounded-xl border-2 border-stone-300 bg-white px-3 text-xl"
            >
              {card.rackSlot && <option value={card.rackSlot}>{card.rackSlot}</option>}
              {!card.rackSlot && <option value="">{t("detail.chooseSlot")}</option>}
              {freeSlots.map((slot) => (
                <option key={slot} value={slot}>
                  {slot}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={pending} className="min-h-12 rounded-xl bg-ink px-4 text-lg font-bold text-white">
            {t("detail.saveSlot")}
          </button>
        </form>
      )}
      <div className="mt-4 flex flex-wrap gap-2">
        <Link
          href={`/rack/labels?order=${card.id}`}
          className="inline-flex min-h-12 items-center rounded-xl border-2 border-stone-300 bg-white px-4 text-lg font-semibold"
        >
          {t("labels.printOne")}
        </Link>
        <Link
          href={`/rack/labels?date=${card.pickupDate}&slot=${encodeURIComponent(card.slotStart)}`}
          className="inline-flex min-h-12 items-center rounded-xl border-2 border-stone-300 bg-white px-4 text-lg font-semibold"
        >
          {t("labels.printSlot", { slot: `${card.slotStart}–${card.slotEnd}` })}
        </Link>
      </div>
    </div>
  );
}
