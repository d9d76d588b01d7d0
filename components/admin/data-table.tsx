/** The admin's list look: a bordered, horizontally scrollable table, and the empty state that replaces it. */
export type Column = { label?: React.ReactNode; align?: "right" };

export function DataTable({ columns, testId, children }: { columns: Column[]; testId?: string; children: React.ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-2xl border border-stone-200 bg-white">
      <table className="w-full text-left" data-testid={testId}>
        <thead className="border-b border-stone-200 bg-stone-50 text-sm text-stone-600">
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={`px-4 py-3 font-semibold ${c.align === "right" ? "text-right" : ""}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">{children}</tbody>
      </table>
    </div>
  );
}

export function EmptyState({ children }: { children: React.ReactNode }) {
  return <p className="rounded-2xl border border-dashed border-stone-300 bg-white p-8 text-center text-stone-600">{children}</p>;
}
