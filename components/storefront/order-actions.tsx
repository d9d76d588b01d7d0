"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { cancelOrderAction, checkInAction } from "@/app/(storefront)/actions";
import { buttonClass, SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

/** "도착했어요": one tap on the pickup day tells the rack the customer is here. */
export function CheckInButton({ token }: { token: string }) {
  const t = useTranslations("storefront");
  const [state, action] = useActionState(checkInAction, null);
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
export function CancelOrder({ token, deadline }: { token: string; deadline: string }) {
  const t = useTranslations("storefront");
  const [state, action] = useActionState(cancelOrderAction, null);
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
