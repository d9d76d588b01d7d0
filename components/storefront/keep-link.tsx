"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button-class";
import { useBrowserValue } from "@/components/ui/use-browser-value";

/**
 * "Keep this link": the customer's one way back to an order or their page. Shows the
 * address, copies it, says how to add it to the home screen; `children` adds more ways
 * (the order's calendar file).
 */
export function KeepLink({ path, body, children }: { path: string; body: string; children?: React.ReactNode }) {
  const t = useTranslations("storefront");
  const origin = useBrowserValue(() => window.location.origin, null);
  const url = origin ? new URL(path, origin).href : path;
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }

  return (
    <section aria-labelledby="keep-heading" className="rounded-2xl border-2 border-brand-500 bg-brand-50 p-4" data-testid="keep-link">
      <h2 id="keep-heading" className="text-lg font-bold">
        {t("keepTitle")}
      </h2>
      <p className="mt-1 text-base text-stone-800">{body}</p>
      <p className="mt-2 break-all rounded-lg bg-white px-3 py-2 font-mono text-sm text-stone-800" data-testid="keep-url">
        {url}
      </p>
      <div className="mt-3 grid gap-2 sm:grid-cols-2">
        <button type="button" onClick={copy} className={buttonClass("primary", "w-full")}>
          {copied === "yes" ? t("copied") : t("copyLink")}
        </button>
        {children}
      </div>
      <p role="status" className="mt-2 text-sm text-stone-700">
        {copied === "failed" ? t("copyFailed") : ""}
      </p>
      <p className="text-sm text-stone-700">{t("homeScreenHint")}</p>
    </section>
  );
}
