/**
 * Korean phone numbers in any common form — `010-1234-5678`, `01012345678`,
 * `+82 10 1234 5678`, `(02) 123-4567` — normalised to national digits `01012345678`.
 * Returns null when it is not a plausible Korean number.
 */
export function normalizePhone(input: string): string | null {
  if (typeof input !== "string" || input.length > 40) return null;
  const trimmed = input.trim();
  if (!/^[+\d\s().-]+$/.test(trimmed)) return null;
  let digits = trimmed.replace(/\D/g, "");
  if (trimmed.startsWith("+")) {
    if (!digits.startsWith("82")) return null;
    digits = "0" + digits.slice(2).replace(/^0/, "");
  } else if (digits.startsWith("82") && digits.length >= 11) {
    digits = "0" + digits.slice(2).replace(/^0/, "");
  }
  // Mobile: 010 + 8 digits (and the old 011/016/017/018/019 with 7 or 8).
  if (/^010\d{8}$/.test(digits)) return digits;
  if (/^01[16789]\d{7,8}$/.test(digits)) return digits;
  // Seoul 02 + 7 or 8 digits; other areas 0XX + 7 or 8 digits; 070 internet phones.
  if (/^02\d{7,8}$/.test(digits)) return digits;
  if (/^0(3[1-3]|4[1-4]|5[1-5]|6[1-4]|70)\d{7,8}$/.test(digits)) return digits;
  return null;
}

/** `01012345678` → `010-1234-5678`; `0212345678` → `02-1234-5678`. */
export function formatPhone(normalized: string): string {
  const d = normalized;
  if (d.startsWith("02")) {
    return d.length === 9 ? `02-${d.slice(2, 5)}-${d.slice(5)}` : `02-${d.slice(2, 6)}-${d.slice(6)}`;
  }
  if (d.length === 10) return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`;
  return `${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`;
}

/** The last four digits: all staff see of a customer's number on the rack. */
export function phoneLast4(normalized: string | null | undefined): string {
  return normalized ? normalized.slice(-4) : "";
}
