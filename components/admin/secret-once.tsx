"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** A secret shown once (API key, webhook signing secret), in a box to copy from. */
export function SecretOnce({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const tc = useTranslations("admin.common");
  const [copied, setCopied] = useState(false);
  const inputId = `${testId ?? "secret"}-value`;
  return (
    <div className="rounded-xl border-2 border-amber-400 bg-amber-50 p-4" data-testid={testId}>
      <label htmlFor={inputId} className="mb-1 block text-sm font-semibold text-amber-900">
        {label}
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id={inputId}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="min-h-11 min-w-0 flex-1 rounded-lg border border-amber-300 bg-white px-3 font-mono text-base"
        />
        <Button
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard?.writeText(value).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? tc("copied") : tc("copy")}
        </Button>
      </div>
    </div>
  );
}
