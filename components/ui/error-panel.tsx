"use client";

import Link from "next/link";
import { useEffect } from "react";
import { useTranslations } from "next-intl";
import { buttonClass } from "./button-class";

/**
 * What an area's error boundary shows: the shop's mark, a sentence in the visitor's
 * language, "try again" and the way back to the area's first page. The error's digest
 * (never its message: it may carry server details) lets staff find it in the server log.
 */
export function ErrorPanel({ error, retry, home, homeLabel }: { error: unknown; retry: () => void; home: string; homeLabel?: string }) {
  const t = useTranslations("common");
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  useEffect(() => console.error(error), [error]);
  return (
    <div
      role="alert"
      className="mx-auto flex max-w-xl flex-col items-center break-keep px-6 py-12 text-center"
      data-testid="error-boundary"
    >
      <span aria-hidden className="flex size-14 items-center justify-center rounded-2xl bg-brand-600 text-2xl font-bold text-white">
        {t("appName").slice(0, 1)}
      </span>
      <h1 className="mt-5 text-2xl font-bold">{t("errorTitle")}</h1>
      <p className="mt-3 text-base text-stone-700">{t("errorBody")}</p>
      {digest && (
        <p className="mt-2 font-mono text-sm text-stone-500">
          {t("errorReference")} {digest}
        </p>
      )}
      <div className="mt-6 flex w-full flex-col gap-3 sm:w-auto sm:flex-row">
        <button type="button" onClick={() => retry()} className={buttonClass("primary", "min-h-12 px-6")}>
          {t("retry")}
        </button>
        <Link href={home} className={buttonClass("secondary", "min-h-12 px-6")}>
          {homeLabel ?? t("goHome")}
        </Link>
      </div>
    </div>
  );
}
