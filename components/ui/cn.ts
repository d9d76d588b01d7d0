import { twMerge, type ClassNameValue } from "tailwind-merge";

/**
 * Class names joined, with the later of two conflicting Tailwind utilities winning
 * (`cn("px-4", "px-0")` is `px-0`; string concatenation would leave both and let the
 * stylesheet's order decide). Falsy parts are dropped.
 */
export function cn(...classes: ClassNameValue[]): string {
  return twMerge(...classes);
}
