/**
 * The notes the system itself writes on order events, stored as Korean words until typed
 * events replace them, read back as display keys (`admin.orders.eventNote.*`) so the
 * English UI does not show them in Korean. Notes staff wrote (a cancel reason) are not here.
 */

export type SystemNote = "rack" | "undo" | "closeOut" | "customerCancel" | "customerArrived" | "imported";

const FIXED: Record<string, SystemNote> = {
  되돌리기: "undo", // hangul-ok: stored event note (rows written before typed undo events)
  "마감 정리": "closeOut", // hangul-ok: stored event note
  "고객 취소": "customerCancel", // hangul-ok: stored event note
  "고객 도착 알림": "customerArrived", // hangul-ok: stored event note
  가져오기: "imported", // hangul-ok: stored event note
};

export function systemNote(note: string | null): { key: SystemNote; slot: string } | null {
  if (!note) return null;
  if (FIXED[note]) return { key: FIXED[note], slot: "" };
  const rack = /^랙 ([A-Z]\d{1,2})$/.exec(note); // hangul-ok: stored event note
  return rack ? { key: "rack", slot: rack[1] } : null;
}
