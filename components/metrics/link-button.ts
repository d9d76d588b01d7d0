/**
 * The look of components/ui/button.tsx's `buttonClass` for links and forms in server
 * components: that module is "use client", so server code cannot call its helper.
 */
const VARIANTS = {
  primary: "bg-brand-600 text-white hover:bg-brand-700",
  secondary: "bg-white text-ink border border-stone-300 hover:bg-stone-100",
} as const;

export function linkButtonClass(variant: keyof typeof VARIANTS = "primary", extra = ""): string {
  return `inline-flex min-h-11 items-center justify-center gap-2 rounded-xl px-4 py-2 text-base font-semibold transition-colors ${VARIANTS[variant]} ${extra}`;
}
