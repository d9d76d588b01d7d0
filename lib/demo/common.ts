/** What every part of the demo shop shares: its seeded random numbers, its time span, and the context the activity parts work from. */
import type { Db } from "@/db/client";

export const SEED = 0x5eed_da61;
export const HISTORY_DAYS = 91;
export const FUTURE_DAYS = 7;
export const MINUTE = 60_000;
export const DAY = 86_400_000;

/** mulberry32: small, fast, and the same sequence on every machine. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}
export type Rng = ReturnType<typeof prng>;

/** What every activity step (counts, reviews, inquiries, consultations) works from. */
export type ActivityContext = {
  db: Db;
  rng: Rng;
  now: number;
  today: string;
  tz: string;
  /** The instant of a shop-local date and minute of the day. */
  at: (date: string, minuteOfDay: number) => number;
  customerBefore: (when: number) => { id: number; token: string } | null;
  userId: number | null;
};
