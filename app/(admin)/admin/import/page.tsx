import { getTranslations } from "next-intl/server";
import { ImportForm } from "@/components/metrics/import-form";
import { buttonClass } from "@/components/ui/button-class";
import { inputClass } from "@/components/ui/field";
import { requirePagePermission } from "@/lib/auth/session";
import { IMPORT_COLUMNS } from "@/lib/import/format";
import { importOrdersAction } from "./actions";
import { cn } from "@/components/ui/cn";

export const dynamic = "force-dynamic";

export default async function ImportExportPage() {
  await requirePagePermission("import_export", "/admin/import");
  const t = await getTranslations("metrics.import");
  const td = await getTranslations("metrics.dashboard");
  return (
    <div className="max-w-5xl space-y-8">
      <header>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-stone-600">{t("intro")}</p>
        <p className="mt-1 font-mono text-sm break-words text-stone-600">{t("columns", { columns: IMPORT_COLUMNS.join(", ") })}</p>
      </header>
      <section className="rounded-2xl border border-stone-200 bg-white p-5">
        <ImportForm action={importOrdersAction} />
      </section>
      <section aria-labelledby="export" className="space-y-3 rounded-2xl border border-stone-200 bg-white p-5">
        <h2 id="export" className="text-xl font-bold">
          {t("export")}
        </h2>
        <p className="text-stone-600">{t("exportIntro")}</p>
        <form method="get" action="/api/v1/export/orders.csv" className="flex flex-wrap items-end gap-3">
          <label className="text-sm font-semibold text-stone-700">
            {td("from")}
            <input type="date" name="from" className={cn(inputClass, "mt-1 w-44")} />
          </label>
          <label className="text-sm font-semibold text-stone-700">
            {td("to")}
            <input type="date" name="to" className={cn(inputClass, "mt-1 w-44")} />
          </label>
          <button type="submit" className={buttonClass("secondary")}>
            {t("download")}
          </button>
        </form>
      </section>
    </div>
  );
}
