"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { buttonClass, SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { FormAction } from "@/lib/actions";

/** "도착했어요": one tap on the pickup day tells the rack the customer is here. */
export function CheckInButton({ token, action: checkIn }: { token: string; action: FormAction }) {
  const t = useTranslations("storefront");
  const [state, action] = useActionState(checkIn, null);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="token" value={token} />
      <SubmitButton className="min-h-14 w-full text-lg" pendingText="…">
        {t("checkIn")}
      </SubmitButton>
      <p className="text-sm text-stone-600">{t("checkInHint")}</p>
      {state && !state.ok && <Notice testId="checkin-error">{state.message}</Notice>}
    </form>
  );
}

/** Cancel asks once more before it acts: a stray tap should not lose a pre-order. */
export function CancelOrder({ token, deadline, action: cancel }: { token: string; deadline: string; action: FormAction }) {
  const t = useTranslations("storefront");
  const [state, action] = useActionState(cancel, null);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="space-y-2">
      {confirming ? (
        <form action={action} className="space-y-2 rounded-2xl border border-red-200 bg-red-50 p-4">
          <input type="hidden" name="token" value={token} />
          <p className="font-semibold text-red-900">{t("cancelConfirm")}</p>
          <div className="flex gap-2">
            <SubmitButton variant="danger" className="flex-1" pendingText="…">
              {t("cancelYes")}
            </SubmitButton>
            <button type="button" className={buttonClass("secondary", "flex-1")} onClick={() => setConfirming(false)}>
              {t("cancelNo")}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className={buttonClass("secondary", "w-full")} onClick={() => setConfirming(true)}>
          {t("cancel")}
        </button>
      )}
      <p className="text-sm text-stone-600">{t("cancelDeadline", { time: deadline })}</p>
      {state && !state.ok && <Notice testId="cancel-error">{state.message}</Notice>}
    </div>
  );
}

/** Before the check-in window: when "도착했어요" opens, instead of a button that would be refused. */
export function CheckInOpensAt({ time }: { time: string }) {
  const t = useTranslations("storefront");
  return (
    <p data-testid="checkin-opens" className="rounded-2xl border border-stone-200 bg-white px-4 py-3 text-base text-stone-800">
      {t("checkInOpensAt", { time })}
    </p>
  );
}

type EditChoice = { date: string; label: string; slots: { slot: string; remaining: number }[] };

/**
 * "주문 바꾸기": move the pickup date and time and change quantities (0 drops a line) until the
 * cut-off. Stock, slot capacity and prices are checked on the server as when ordering.
 */
export function EditOrder({
  hidden,
  action: serverAction,
  current,
  choices,
  lines,
  deadline,
  titled = true,
}: {
  /** False where the surrounding section already carries the title. */
  titled?: boolean;
  /** The order's key for the action: `{ token }` on the order page, `{ id }` for staff. */
  hidden: Record<string, string | number>;
  action: FormAction;
  current: string;
  choices: EditChoice[];
  lines: { name: string; quantity: number }[];
  deadline?: string;
}) {
  const t = useTranslations("storefront");
  const [state, action] = useActionState(serverAction, null);
  const [open, setOpen] = useState(false);
  // A saved change closes the form; the page shows the order as it is now.
  const [seenState, setSeenState] = useState(state);
  if (seenState !== state) {
    setSeenState(state);
    if (state?.ok) setOpen(false);
  }
  if (!open) {
    return (
      <div className="space-y-1">
        <button type="button" data-testid="edit-order" className={buttonClass("secondary", "w-full")} onClick={() => setOpen(true)}>
          {t("edit.open")}
        </button>
        {deadline && <p className="text-sm text-stone-600">{t("edit.deadline", { time: deadline })}</p>}
        {state?.ok && (
          <Notice tone="success" testId="edit-done">
            {t("edit.done")}
          </Notice>
        )}
      </div>
    );
  }
  return (
    <form action={action} data-testid="edit-form" className="space-y-4 rounded-2xl border-2 border-brand-500 bg-white p-4">
      {titled && <h2 className="text-lg font-bold">{t("edit.title")}</h2>}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div>
        <label htmlFor="edit-when" className="mb-1 block font-semibold">
          {t("edit.when")}
        </label>
        <select
          id="edit-when"
          name="when"
          defaultValue={current}
          className="min-h-12 w-full min-w-0 max-w-full rounded-xl border-2 border-stone-300 bg-white px-3 text-lg"
        >
          {choices.map((d) => (
            <optgroup key={d.date} label={d.label}>
              {d.slots.map((s) => (
                <option key={s.slot} value={`${d.date}|${s.slot}`}>
                  {d.label} {s.slot}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <fieldset className="space-y-2">
        <legend className="mb-1 font-semibold">{t("edit.quantities")}</legend>
        {lines.map((l, i) => (
          <div key={i} className="flex items-center justify-between gap-3">
            <label htmlFor={`edit-qty-${i}`} className="min-w-0 flex-1">
              {l.name}
            </label>
            <input
              id={`edit-qty-${i}`}
              name={`qty:${i}`}
              type="number"
              inputMode="numeric"
              min={0}
              max={999}
              defaultValue={l.quantity}
              className="min-h-12 w-24 rounded-xl border-2 border-stone-300 px-3 text-right text-lg"
            />
          </div>
        ))}
        <p className="text-sm text-stone-600">{t("edit.zeroHint")}</p>
      </fieldset>
      {state && !state.ok && <Notice testId="edit-error">{state.message}</Notice>}
      <div className="flex gap-2">
        <SubmitButton className="flex-1" pendingText="…">
          {t("edit.save")}
        </SubmitButton>
        <button type="button" className={buttonClass("secondary", "flex-1")} onClick={() => setOpen(false)}>
          {t("cancelNo")}
        </button>
      </div>
    </form>
  );
}
