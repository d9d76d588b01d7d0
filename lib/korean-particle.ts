/**
 * Korean particles that depend on the word before them: 을/를, 은/는, 이/가, 과/와, 으로/로 …
 * A pure module (no database), so client components may import it.
 *
 * The choice follows how the word is read aloud: digits as Sino-Korean numbers (J574 →
 * "오백칠십사" ends on 사, so 를; 10 → 십, so 을), Latin letters by their Korean names
 * (L → 엘, M → 엠, N → 엔, R → 알 end on a final consonant). Quotes and a trailing
 * parenthetical are skipped: "11월 24일 (화)" takes the particle of 일.
 */

/** First form after a final consonant (받침), second after a vowel. */
export type ParticlePair = "을/를" | "은/는" | "이/가" | "과/와" | "으로/로" | "이에요/예요" | "이나/나" | "이랑/랑";

/** The final consonant of how a word is read: "none", "ㄹ", or "other" (any other 받침); null when unknown. */
type Ending = "none" | "ㄹ" | "other";

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
const RIEUL = 8; // index of ㄹ among the 28 final-consonant slots

/** Sino-Korean reading of the last digit: 일, 칠, 팔 end on ㄹ; 삼, 육 on another 받침. */
const DIGIT_ENDING: Record<string, Ending> = {
  "0": "other",
  "1": "ㄹ",
  "2": "none",
  "3": "other",
  "4": "none",
  "5": "none",
  "6": "other",
  "7": "ㄹ",
  "8": "ㄹ",
  "9": "none",
};
/** Korean letter names: 엘, 알 end on ㄹ; 엠, 엔 on another 받침; the rest on a vowel. */
const LETTER_ENDING: Record<string, Ending> = { l: "ㄹ", r: "ㄹ", m: "other", n: "other" };
const TRANSPARENT = /[\s'"‘’“”「」『』<>《》〈〉.,!?…·~*`-]+$/u;

function lastReadable(word: string): string {
  let rest = word;
  for (;;) {
    const before = rest;
    rest = rest.replace(TRANSPARENT, "");
    // A trailing parenthetical is a gloss: the particle follows the word before it.
    const gloss = /\s*[(\[][^()[\]]*[)\]]$/u.exec(rest);
    if (gloss && gloss.index > 0) rest = rest.slice(0, gloss.index);
    if (rest === before) return rest;
  }
}

function ending(word: string): Ending | null {
  const text = lastReadable(word);
  if (!text) return null;
  const last = text.at(-1)!;
  const code = last.charCodeAt(0);
  if (code >= HANGUL_FIRST && code <= HANGUL_LAST) {
    const final = (code - HANGUL_FIRST) % 28;
    return final === 0 ? "none" : final === RIEUL ? "ㄹ" : "other";
  }
  if (/[0-9]/.test(last)) {
    const digits = /[0-9]+$/.exec(text)![0];
    const value = digits.replace(/^0+/, "");
    if (!value) return "other"; // 영
    const zeros = value.length - value.replace(/0+$/, "").length;
    // 십, 백 end on ㅂ/ㄱ; 천, 만 (and every larger unit read as …만) on ㄴ.
    return zeros === 0 ? DIGIT_ENDING[last] : "other";
  }
  if (/[a-z]/i.test(last)) return LETTER_ENDING[last.toLowerCase()] ?? "none";
  return null;
}

/** The particle that fits after `word`: `particle("J574", "을/를")` → "를". Unknown endings give "을(를)". */
export function particle(word: string, pair: ParticlePair): string {
  const [afterConsonant, afterVowel] = pair.split("/");
  const end = ending(word);
  if (end === null) return pair === "으로/로" ? "(으)로" : `${afterConsonant}(${afterVowel})`;
  if (pair === "으로/로") return end === "other" ? afterConsonant : afterVowel;
  return end === "none" ? afterVowel : afterConsonant;
}

/** The word followed by its particle: `withParticle("노쇼", "으로/로")` → "노쇼로". */
export function withParticle(word: string, pair: ParticlePair): string {
  return `${word}${particle(word, pair)}`;
}
