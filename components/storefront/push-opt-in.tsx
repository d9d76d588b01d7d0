"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button-class";
import { Notice } from "@/components/ui/notice";
import { useBrowserValue } from "@/components/ui/use-browser-value";

type State = "idle" | "working" | "on" | "unsupported" | "denied" | "error";

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const padded = (base64url + "=".repeat((4 - (base64url.length % 4)) % 4)).replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(padded);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/**
 * "준비되면 알림 받기": registers /sw.js, subscribes this browser to Web Push with the shop's
 * VAPID key and hands the subscription to the server for this order's customer. On iPhone it
 * works once the page is added to the home screen (Safari only offers push to installed apps).
 */
export function PushOptIn({
  token,
  publicKey,
  subscribed,
  subscribe,
}: {
  token: string;
  publicKey: string;
  subscribed: boolean;
  subscribe: (token: string, subscription: unknown) => Promise<{ ok: boolean }>;
}) {
  const t = useTranslations("storefront");
  const [chosen, setState] = useState<State>(subscribed ? "on" : "idle");
  const supported = useBrowserValue(() => "serviceWorker" in navigator && "PushManager" in window && "Notification" in window, true);
  const state: State = !supported && chosen !== "on" ? "unsupported" : chosen;

  async function enable() {
    setState("working");
    try {
      if ((await Notification.requestPermission()) !== "granted") return setState("denied");
      const registration = await navigator.serviceWorker.register("/sw.js");
      await navigator.serviceWorker.ready;
      const subscription =
        (await registration.pushManager.getSubscription()) ??
        (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }));
      const result = await subscribe(token, subscription.toJSON());
      setState(result.ok ? "on" : "error");
    } catch {
      setState("error");
    }
  }

  if (state === "on") {
    return (
      <p role="status" className="rounded-2xl border border-green-300 bg-green-50 p-4 font-semibold text-green-900" data-testid="push-on">
        {t("pushOn")}
      </p>
    );
  }
  return (
    <div className="space-y-2">
      <button
        type="button"
        className={buttonClass("secondary", "w-full")}
        onClick={enable}
        disabled={state === "working" || state === "unsupported"}
      >
        {state === "working" ? "…" : t("pushEnable")}
      </button>
      {state === "unsupported" && <p className="text-sm text-stone-600">{t("pushUnsupported")}</p>}
      {state === "denied" && <Notice>{t("pushDenied")}</Notice>}
      {state === "error" && <Notice>{t("pushError")}</Notice>}
    </div>
  );
}
