/**
 * Filling a message text's `{name}` places: pure, so the settings page's live preview (a client
 * component) uses the very function the worker sends with.
 */
const PLACEHOLDER = /\{(\w+)\}/g;

export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** Replace `{name}` with its value; an unknown placeholder stays visible rather than vanishing. */
export function fill(text: string, params: Record<string, string | number | null | undefined>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (params[name] == null ? whole : String(params[name])));
}

/** Example values for the preview on the settings page. */
export const SAMPLE_PARAMS: Record<string, string> = {
  shop: "단골 빵집", // hangul-ok: sample shop content for the preview
  code: "K347",
  date: "2026-12-01",
  slot: "10:00-11:00",
  rackSlot: "B3",
  url: "https://dangol.example/o/…",
  product: "우유식빵", // hangul-ok: sample shop content for the preview
  when: "내일", // hangul-ok: sample shop content for the preview
};
