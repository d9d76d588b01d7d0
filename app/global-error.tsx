"use client";

import { NextIntlClientProvider } from "next-intl";
import en from "@/messages/en/common.json";
import ko from "@/messages/ko/common.json";
import { ErrorPanel } from "@/components/ui/error-panel";
import { useBrowserValue } from "@/components/ui/use-browser-value";
import "./globals.css";

/** The visitor's language as the `locale` cookie says (the root layout that reads it has failed). */
function cookieLocale(): "ko" | "en" {
  return /(?:^|;\s*)locale=en(?:;|$)/.test(document.cookie) ? "en" : "ko";
}

/** A failure in the root layout itself: the same branded panel, in its own document. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const locale = useBrowserValue(cookieLocale, "ko");
  return (
    <html lang={locale}>
      <body className="min-h-dvh">
        <title>{(locale === "en" ? en : ko).errorTitle}</title>
        <NextIntlClientProvider locale={locale} messages={{ common: locale === "en" ? en : ko }}>
          <ErrorPanel error={error} retry={retry} home="/" />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
