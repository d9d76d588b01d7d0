import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PRESETS, type Preset } from "@/lib/metrics/presets";
import { buttonClass } from "@/components/ui/button-class";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";

/** Presets as links and a plain GET form for a custom range: the range lives in the URL. */
export async function RangePicker({ basePath, preset, from, to }: { basePath: string; preset: Preset | null; from: string; to: string }) {
  const t = await getTranslations("metrics.dashboard");
  return (
    <div className="flex flex-wrap items-end gap-3">
      <nav aria-label={t("presets.label")} className="flex flex-wrap gap-2">
        {PRESETS.map((p) => (
          <Link
            key={p}
            href={`${basePath}?range=${p}`}
            aria-current={p === preset ? "page" : undefined}
            className={buttonClass(p === preset ? "primary" : "secondary", "text-sm")}
          >
            {t(`presets.${p}`)}
          </Link>
        ))}
      </nav>
      <form method="get" action={basePath} className="flex flex-wrap items-end gap-2" aria-label={t("customRange")}>
        <label className="text-sm font-semibold text-stone-700">
          {t("from")}
          <input type="date" name="from" defaultValue={from} required className={cn(inputClass, "mt-1 w-40")} />
        </label>
        <label className="text-sm font-semibold text-stone-700">
          {t("to")}
          <input type="date" name="to" defaultValue={to} required className={cn(inputClass, "mt-1 w-40")} />
        </label>
        <button type="submit" className={buttonClass("secondary")}>
          {t("apply")}
        </button>
      </form>
    </div>
  );
}
