import fs from "node:fs";
import path from "node:path";
import { twMerge } from "tailwind-merge";
import { describe, expect, it } from "vitest";
import { buttonClass, type ButtonVariant } from "@/components/ui/button-class";

const ROOT = path.join(import.meta.dirname, "../..");
const VARIANTS: ButtonVariant[] = ["primary", "secondary", "danger", "ghost"];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? sources(full) : /\.tsx?$/.test(d.name) ? [full] : [];
  });
}

/** Every literal `extra` the app passes: `buttonClass(…, "w-11 px-0 text-xl")`. */
const usedExtras = [
  ...new Set(
    ["app", "components"].flatMap((dir) =>
      sources(path.join(ROOT, dir)).flatMap((f) =>
        [...fs.readFileSync(f, "utf8").matchAll(/buttonClass\([^,()]*,\s*"([^"]*)"\)/g)].map((m) => m[1]),
      ),
    ),
  ),
];

const tricky = [
  "",
  "p-0",
  "p-3 px-6",
  "pl-2",
  "flex",
  "hidden sm:inline-flex",
  "rounded-full",
  "rounded-t-lg",
  "font-bold font-mono",
  "text-red-700",
  "text-left text-sm",
  "bg-transparent",
  "bg-gradient-to-r from-stone-50",
  "border-0",
  "border-2 border-red-600",
  "border-x",
  "border-t-2 border-emerald-600",
  "border-s",
  "hover:bg-stone-200 disabled:bg-red-200",
  "disabled:text-stone-600 disabled:cursor-wait",
  "gap-x-1",
  "justify-self-start",
  "justify-items-center",
  "min-h-dvh leading-tight",
  "transition-none",
];

describe("buttonClass", () => {
  it("finds the extras the app uses", () => {
    expect(usedExtras).toContain("w-11 px-0 text-xl");
    expect(usedExtras).toContain("min-h-14 w-full text-lg");
  });

  it.each(VARIANTS)("lets extra classes win exactly as tailwind-merge did (%s)", (variant) => {
    for (const extra of [...usedExtras, ...tricky]) {
      expect(buttonClass(variant, extra), extra).toBe(twMerge(buttonClass(variant), extra));
    }
  });

  it("keeps the look of a plain button", () => {
    expect(buttonClass()).toBe(
      twMerge(
        "inline-flex min-h-11 items-center justify-center gap-2 rounded-xl px-4 py-2 text-base font-semibold transition-colors disabled:cursor-not-allowed",
        "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-stone-400",
      ),
    );
  });
});
