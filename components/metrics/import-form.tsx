"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { ImportReport } from "@/lib/import/import-orders";
import type { FormAction } from "@/lib/actions";
import { cn } from "@/components/ui/cn";

export function ImportForm({ action: importAction }: { action: FormAction<ImportReport> }) {
  const t = useTranslations("metrics.import");
  const [state, action] = useActionState(importAction, null);
  const report = (state as { data?: ImportReport } | null)?.data;
  return (
    <div className="space-y-4">
      <form action={action} className="flex flex-wrap items-end gap-3">
        <label className="block text-sm font-semibold text-stone-700">
          {t("file")}
          <input
            type="file"
            name="file"
            accept=".csv,text/csv"
            required
            className="mt-1 block min-h-11 rounded-xl border border-stone-300 bg-white px-3 py-2 text-base"
          />
        </label>
        <SubmitButton pendingText={t("uploading")}>{t("upload")}</SubmitButton>
      </form>
      {state && !report && <Notice testId="import-error">{state.message}</Notice>}
      {report && (
        <div className="space-y-3">
          <Notice tone={report.errors ? "info" : "success"} testId="import-summary">
            {t("summary", { imported: report.imported, skipped: report.skipped, errors: report.errors, rows: report.rows })}
          </Notice>
          <div className="max-h-[32rem] overflow-auto rounded-2xl border border-stone-200 bg-white">
            <table className="w-full text-left text-sm" data-testid="import-report">
              <caption className="sr-only">{t("report")}</caption>
              <thead className="sticky top-0 bg-stone-50 text-stone-700">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {t("line")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("externalId")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("result")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("reason")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {/* Problems first: they are what the owner has to fix. */}
                {[...report.results]
                  .sort((a, b) => Number(a.result === "imported") - Number(b.result === "imported") || a.line - b.line)
                  .map((r) => (
                    <tr key={r.line} className="border-t border-stone-100">
                      <td className="px-3 py-2 tabular-nums">{r.line}</td>
                      <td className="px-3 py-2">{r.external_id || "—"}</td>
                      <td
                        className={cn(
                          "px-3 py-2 font-semibold",
                          r.result === "error" ? "text-red-800" : r.result === "skipped" ? "text-amber-900" : "text-green-800",
                        )}
                      >
                        {r.result === "error" ? "✗ " : r.result === "skipped" ? "↷ " : "✓ "}
                        {t(r.result)}
                      </td>
                      <td className="px-3 py-2">{r.messages.join(" ") || "—"}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}
