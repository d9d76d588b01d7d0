/** The demo shop's customers: a fixed pool of made-up names and numbers, and who buys where and how often. */
import type { Rng } from "./common";

const FAMILY_NAMES = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황"];
const GIVEN_NAMES = [
  "민준",
  "서연",
  "지우",
  "하준",
  "서윤",
  "도윤",
  "지민",
  "예은",
  "시우",
  "수아",
  "주원",
  "하은",
  "지호",
  "채원",
  "은우",
  "지유",
  "건우",
  "소율",
  "현우",
  "다은",
  "선영",
  "영희",
  "정숙",
  "미경",
  "상철",
  "성호",
  "은정",
  "혜진",
  "동현",
  "수빈",
];

export function customerPool(rng: Rng, size = 60): { name: string; phone: string; marketing: boolean }[] {
  const pool: { name: string; phone: string; marketing: boolean }[] = [];
  const phones = new Set<string>();
  const names = new Set<string>();
  while (pool.length < size) {
    const name = rng.pick(FAMILY_NAMES) + rng.pick(GIVEN_NAMES);
    const phone = `010${String(rng.int(2_000_0000, 9_999_9999))}`;
    if (names.has(name) || phones.has(phone)) continue;
    names.add(name);
    phones.add(phone);
    pool.push({ name, phone, marketing: rng.chance(0.4) });
  }
  return pool;
}

/**
 * Not everyone is omnichannel: a few people only ever order ahead on the web (and never give
 * their number at the counter), a few only buy at the counter — so the dashboard's omni share
 * and channel synergy compare two real groups. Fixed by position, so no extra random draws.
 */
export const webOnly = (index: number) => index % 7 === 3;
export const counterOnly = (index: number) => index % 7 === 5;

/** Regulars come often, most people now and then: the lower the index, the more visits. */
export function pickRegular(rng: Rng, size: number): number {
  return Math.min(size - 1, Math.floor(size * Math.pow(rng.next(), 1.8)));
}
