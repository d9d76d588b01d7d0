/**
 * The shared button look as a plain function, importable from server components too
 * (a function exported from a "use client" file cannot be called on the server).
 */
import { cn } from "./cn";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-stone-400",
  secondary: "bg-white text-ink border border-stone-300 hover:bg-stone-100 disabled:text-stone-400",
  danger: "bg-red-700 text-white hover:bg-red-800 disabled:bg-stone-400",
  ghost: "text-brand-700 hover:bg-brand-50",
};

/** Touch targets are at least 44 px tall. */
export function buttonClass(variant: ButtonVariant = "primary", extra = ""): string {
  return cn(
    "inline-flex min-h-11 items-center justify-center gap-2 rounded-xl px-4 py-2 text-base font-semibold transition-colors disabled:cursor-not-allowed",
    VARIANTS[variant],
    extra,
  );
}
