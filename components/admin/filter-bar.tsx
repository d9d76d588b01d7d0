import { buttonClass } from "@/components/ui/button-class";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";

export type FilterSelect = {
  name: string;
  label: string;
  /** The current choice; none selects the "all" option. */
  value?: string;
  allLabel: string;
  options: readonly { value: string; label: string }[];
};

/**
 * The filter bar of the admin lists (orders, messages): a GET form of selects, each with an
 * "all" choice first, an optional date, and the submit button. Works without JavaScript.
 */
export function FilterBar({
  selects,
  date,
  submitLabel,
  className,
}: {
  selects: readonly FilterSelect[];
  date?: { label: string; value: string };
  submitLabel: string;
  className?: string;
}) {
  return (
    <form method="get" className={cn("flex flex-wrap items-end gap-3", className)}>
      {date && (
        <label className="block">
          <span className="mb-1 block text-sm font-semibold text-stone-700">{date.label}</span>
          <input type="date" name="date" defaultValue={date.value} className={inputClass} />
        </label>
      )}
      {selects.map((s) => (
        <label key={s.name} className="block">
          <span className="mb-1 block text-sm font-semibold text-stone-700">{s.label}</span>
          <select name={s.name} defaultValue={s.value ?? ""} className={inputClass}>
            <option value="">{s.allLabel}</option>
            {s.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      ))}
      <button type="submit" className={buttonClass("secondary")}>
        {submitLabel}
      </button>
    </form>
  );
}
