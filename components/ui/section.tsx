import { cn } from "./cn";

/**
 * A white card section with an optional heading and lead sentence. With `id` the heading
 * names the section for screen readers (`aria-labelledby`).
 */
export function Section({
  title,
  lead,
  id,
  children,
  className,
  testId,
}: {
  title?: React.ReactNode;
  lead?: React.ReactNode;
  id?: string;
  children: React.ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <section
      aria-labelledby={title && id ? id : undefined}
      className={cn("rounded-2xl border border-stone-200 bg-white p-5", className)}
      data-testid={testId}
    >
      {title && (
        <h2 id={id} className="text-lg font-bold text-ink">
          {title}
        </h2>
      )}
      {lead && <p className="mt-1 text-sm text-stone-600">{lead}</p>}
      <div className={title || lead ? "mt-4" : ""}>{children}</div>
    </section>
  );
}
