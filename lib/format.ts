/** Display formats shared by every screen. */
import { DEFAULT_TIMEZONE } from "@/lib/shop/time";

/** `12500` → `12,500원` (Korean) or `₩12,500` (English). */
export function formatWon(amount: number, locale: string = "ko"): string {
  const n = Math.round(amount).toLocaleString("ko-KR");
  return locale === "en" ? `₩${n}` : `${n}원`;
}

/** `2026-11-24` → `11월 24일 (화)` / `Tue, Nov 24`. */
export function formatDate(date: string, locale: string = "ko"): string {
  const [y, m, d] = date.split("-").map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d, 12));
  return new Intl.DateTimeFormat(locale === "en" ? "en-US" : "ko-KR", {
    timeZone: "UTC",
    month: locale === "en" ? "short" : "long",
    day: "numeric",
    weekday: "short",
  }).format(dt);
}

/** An instant as shop-local date and time, e.g. `11월 23일 (월) 오후 6:00`. */
export function formatDateTime(ms: number, locale: string = "ko", timeZone: string = DEFAULT_TIMEZONE): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-US" : "ko-KR", {
    timeZone,
    month: locale === "en" ? "short" : "long",
    day: "numeric",
    weekday: "short",
    hour: "numeric",
    minute: "2-digit",
  }).format(new Date(ms));
}

export function formatTime(ms: number, locale: string = "ko", timeZone: string = DEFAULT_TIMEZONE): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-US" : "ko-KR", { timeZone, hour: "numeric", minute: "2-digit" }).format(new Date(ms));
}
