/** Display formats shared by every screen. */
import { DEFAULT_TIMEZONE, localDate, localTime } from "@/lib/shop/time";

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** The app's locale (`ko`, `en`) as the tag Intl formats with. */
export function intlLocale(locale: string): string {
  return locale === "en" ? "en-US" : "ko-KR";
}

/**
 * `12500` → `12,500` in the locale's digits grouping. Whole numbers are grouped by hand (both
 * locales group by three with a comma, as Intl does): the browser's first `Intl.NumberFormat`
 * costs tens of milliseconds of main thread on a phone, paid while the storefront hydrates.
 */
export function formatNumber(n: number, locale: string = "ko"): string {
  if (Number.isSafeInteger(n)) return groupThousands(n);
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(intlLocale(locale))));
  return format.format(n);
}

function groupThousands(n: number): string {
  const digits = String(Math.abs(n));
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let i = out.length; i < digits.length; i += 3) out += "," + digits.slice(i, i + 3);
  return n < 0 ? "-" + out : out;
}

/** `12500` → `12,500원` (Korean) or `₩12,500` (English). */
export function formatWon(amount: number, locale: string = "ko"): string {
  const n = formatNumber(Math.round(amount), locale);
  return locale === "en" ? `₩${n}` : `${n}원`; // hangul-ok: the Korean currency word, chosen by locale
}

/** `2026-11-24` → `11월 24일 (화)` / `Tue, Nov 24`. */
export function formatDate(date: string, locale: string = "ko"): string {
  const [y, m, d] = date.split("-").map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d, 12));
  // Building a DateTimeFormat costs ~0.1 ms; a page formats dozens of dates.
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(locale), {
      timeZone: "UTC",
      month: locale === "en" ? "short" : "long",
      day: "numeric",
      weekday: "short",
    });
    dateFormats.set(locale, format);
  }
  return format.format(dt);
}

/**
 * An instant as shop-local date and 24-hour time, e.g. `11월 23일 (월) 18:00`. A 24-hour
 * clock because Node's built-in ICU prints "AM/PM" even for Korean, and shops speak in
 * pickup times like "18:00" anyway.
 */
export function formatDateTime(ms: number, locale: string = "ko", timeZone: string = DEFAULT_TIMEZONE): string {
  return `${formatDate(localDate(ms, timeZone), locale)} ${localTime(ms, timeZone)}`;
}

export function formatTime(ms: number, _locale: string = "ko", timeZone: string = DEFAULT_TIMEZONE): string {
  return localTime(ms, timeZone);
}
