import { Children, cloneElement, isValidElement, type ReactElement } from "react";
import { cn } from "@/components/ui/cn";

/**
 * The admin's list look: a bordered table on wide screens. Below 768 px (an owner checking
 * orders on a phone) each row becomes a card: cells wrap side by side, each under its column
 * label, in the order `mobile.order` gives, `mobile.full` cells taking the whole width.
 */
export type Column = {
  label?: React.ReactNode;
  align?: "right";
  mobile?: {
    /** Position in the card (1 first); cells without one keep their table order after those with one. */
    order?: 1 | 2 | 3 | 4 | 5 | 6;
    /** Take the card's whole width (names, item lists, actions). */
    full?: boolean;
    /** The cell speaks for itself (a code, a name, a badge): no label above it. */
    bare?: boolean;
  };
};

// Whole class names so Tailwind sees them.
const ORDER = {
  1: "max-md:order-1",
  2: "max-md:order-2",
  3: "max-md:order-3",
  4: "max-md:order-4",
  5: "max-md:order-5",
  6: "max-md:order-6",
} as const;

function cellClass(c: Column | undefined): string {
  const m = c?.mobile ?? {};
  return [
    "max-md:block max-md:px-0 max-md:py-0 max-md:text-left",
    m.order ? ORDER[m.order] : "max-md:order-last",
    m.full ? "max-md:max-w-none max-md:basis-full" : "",
    !m.bare && typeof c?.label === "string"
      ? "max-md:before:block max-md:before:text-xs max-md:before:font-semibold max-md:before:text-stone-500 max-md:before:content-[attr(data-label)]"
      : "",
  ]
    .filter(Boolean)
    .join(" ");
}

type CellProps = { className?: string; children?: React.ReactNode; "data-label"?: string };
type RowProps = { className?: string; children?: React.ReactNode };

export function DataTable({ columns, testId, children }: { columns: Column[]; testId?: string; children: React.ReactNode }) {
  const rows = Children.map(children, (row) => {
    if (!isValidElement<RowProps>(row)) return row;
    let index = 0;
    const cells = Children.map(row.props.children, (cell) => {
      if (!isValidElement<CellProps>(cell)) return cell;
      const column = columns[index++];
      const label = typeof column?.label === "string" ? column.label : undefined;
      return cloneElement(cell as ReactElement<CellProps>, {
        className: `${cell.props.className ?? ""} ${cellClass(column)}`,
        "data-label": label,
      });
    });
    return cloneElement(
      row as ReactElement<RowProps>,
      {
        className: `${row.props.className ?? ""} max-md:flex max-md:flex-wrap max-md:items-start max-md:gap-x-4 max-md:gap-y-2 max-md:p-4`,
      },
      cells,
    );
  });
  return (
    <div className="overflow-x-auto rounded-2xl border border-stone-200 bg-white">
      <table className="w-full text-left max-md:block" data-testid={testId}>
        <thead className="border-b border-stone-200 bg-stone-50 text-sm text-stone-600 max-md:sr-only">
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={cn("px-4 py-3 font-semibold", c.align === "right" ? "text-right" : "")}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100 max-md:block">{rows}</tbody>
      </table>
    </div>
  );
}

export function EmptyState({ children }: { children: React.ReactNode }) {
  return <p className="rounded-2xl border border-dashed border-stone-300 bg-white p-8 text-center text-stone-600">{children}</p>;
}
