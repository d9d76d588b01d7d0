/**
 * Filling a message text's `{name}` places: pure, so the settings page's live preview (a client
 * component) uses the very function the worker sends with.
 */
import { particle, type ParticlePair } from "@/lib/korean-particle";

const PLACEHOLDER = /\{(\w+)\}/g;
/** A place with the particle written both ways after it (`{code}이/가`): the particle is chosen by the value. */
const PLACE_WITH_PARTICLE = /\{(\w+)\}(을\/를|은\/는|이\/가|과\/와|으로\/로)?/g; // hangul-ok: particle forms

export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/**
 * Replace `{name}` with its value; an unknown placeholder stays visible rather than vanishing.
 * `{name}이/가` (and 을/를, 은/는, 과/와, 으로/로) takes the particle that fits the value.
 */
export function fill(text: string, params: Record<string, string | number | null | undefined>): string {
  return text.replace(PLACE_WITH_PARTICLE, (whole, name: string, pair: ParticlePair | undefined) => {
    if (params[name] == null) return whole;
    const value = String(params[name]);
    return pair ? `${value}${particle(value, pair)}` : value;
  });
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
