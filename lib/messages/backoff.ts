/**
 * When a failed delivery is tried again: exponential backoff with jitter, the first retry
 * within 30 seconds, growing to at most an hour between tries; webhooks keep trying for at
 * least 24 hours (API.md), messages for two (a reminder delivered a day late helps nobody).
 */
export const FIRST_RETRY_MS = 15_000;
export const MAX_RETRY_DELAY_MS = 60 * 60_000;
/** Each delay is the nominal one ± 20 %, so receivers that failed together do not retry together. */
export const JITTER = 0.2;
export const RETRY_WINDOW_MS = { webhook: 24 * 60 * 60_000, message: 2 * 60 * 60_000 } as const;

export function nominalDelay(attempt: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1), MAX_RETRY_DELAY_MS);
}

/** The wait after the `attempt`-th failed try (1-based). */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  return Math.round(nominalDelay(attempt) * (1 - JITTER + 2 * JITTER * random()));
}

/** How many tries before "failed": enough that even the shortest jittered waits span the window. */
export function maxAttempts(kind: keyof typeof RETRY_WINDOW_MS): number {
  let spanned = 0;
  let attempt = 1;
  while (spanned < RETRY_WINDOW_MS[kind]) {
    spanned += nominalDelay(attempt) * (1 - JITTER);
    attempt++;
  }
  return attempt;
}
