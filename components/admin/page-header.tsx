/** The title row of an admin page, with an optional lead sentence and actions on the right. */
export function PageHeader({ title, lead, actions }: { title: React.ReactNode; lead?: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <header className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div className="min-w-0">
        <h1 className="text-2xl font-bold text-ink">{title}</h1>
        {lead && <p className="mt-1 max-w-3xl text-base text-stone-600">{lead}</p>}
      </div>
      {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
    </header>
  );
}

/** A white card section with a heading. */
export function Section({ title, lead, children, className = "", testId }: { title?: React.ReactNode; lead?: React.ReactNode; children: React.ReactNode; className?: string; testId?: string }) {
  return (
    <section className={`rounded-2xl border border-stone-200 bg-white p-5 ${className}`} data-testid={testId}>
      {title && <h2 className="text-lg font-bold text-ink">{title}</h2>}
      {lead && <p className="mt-1 text-sm text-stone-600">{lead}</p>}
      <div className={title || lead ? "mt-4" : ""}>{children}</div>
    </section>
  );
}
