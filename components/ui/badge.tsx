import { cn } from "./cn";

const TONES = {
  neutral: "bg-stone-100 text-stone-800",
  brand: "bg-brand-100 text-brand-700",
  green: "bg-green-100 text-green-800",
  amber: "bg-amber-100 text-amber-900",
  red: "bg-red-100 text-red-800",
  blue: "bg-sky-100 text-sky-900",
} as const;

export type BadgeTone = keyof typeof TONES;

export function Badge({ tone = "neutral", children, className = "" }: { tone?: BadgeTone; children: React.ReactNode; className?: string }) {
  return (
    <span className={cn("inline-flex items-center rounded-full px-2.5 py-0.5 text-sm font-semibold", TONES[tone], className)}>
      {children}
    </span>
  );
}

export const STATUS_TONES: Record<string, BadgeTone> = {
  placed: "blue",
  ready: "brand",
  arrived: "amber",
  picked_up: "green",
  no_show: "red",
  cancelled: "neutral",
  awaiting_payment: "amber",
  expired: "neutral",
};
