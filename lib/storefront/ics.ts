/** An iCalendar event for a pickup window, so "캘린더에 추가" works on any phone calendar. */
import { zonedTime } from "@/lib/shop/time";

/** Instants are written in UTC (`…Z`): every calendar app converts them, no VTIMEZONE needed. */
function icsInstant(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** RFC 5545 text: escape \ ; , and newlines. */
function icsText(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** Lines longer than 75 octets are folded with CRLF + space (UTF-8 aware). */
function fold(line: string): string {
  const out: string[] = [];
  let current = "";
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > 75) {
      out.push(current);
      current = " ";
      bytes = 1;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join("\r\n");
}

export function pickupIcs({
  uid,
  pickupDate,
  slotStart,
  slotEnd,
  timezone,
  title,
  description,
  location,
  now = Date.now(),
}: {
  uid: string;
  pickupDate: string;
  slotStart: string;
  slotEnd: string;
  timezone: string;
  title: string;
  description: string;
  location?: string | null;
  now?: number;
}): string {
  const start = zonedTime(pickupDate, slotStart, timezone);
  const end = zonedTime(pickupDate, slotEnd, timezone);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Dangol//Pickup//KO",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${uid}`,
    `DTSTAMP:${icsInstant(now)}`,
    `DTSTART:${icsInstant(start)}`,
    `DTEND:${icsInstant(end > start ? end : start + 3_600_000)}`,
    `SUMMARY:${icsText(title)}`,
    `DESCRIPTION:${icsText(description)}`,
    ...(location ? [`LOCATION:${icsText(location)}`] : []),
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(fold).join("\r\n") + "\r\n";
}
