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

/** The card section admin pages import from here is the shared one. */
export { Section } from "@/components/ui/section";
