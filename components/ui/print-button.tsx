"use client";

import { buttonClass } from "./button-class";

/** Opens the browser's print dialog (labels, the consultation QR poster). */
export function PrintButton({ label, className }: { label: string; className?: string }) {
  return (
    <button type="button" onClick={() => window.print()} className={buttonClass("primary", className)}>
      {label}
    </button>
  );
}
