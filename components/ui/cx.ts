/**
 * Class names joined, falsy parts dropped — no conflict resolution. For client components,
 * whose class lists never set the same thing twice: `cn` (tailwind-merge) is kept off the
 * phone, where its first call alone costs a long task while the page hydrates.
 */
export function cx(...classes: (string | false | null | undefined)[]): string {
  return classes.filter(Boolean).join(" ");
}
