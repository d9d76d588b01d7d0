/**
 * How fast anyone may guess a password, whatever the entry point (`/login`, Auth.js's own
 * `POST /api/auth/callback/credentials`, first-run setup): every check goes through
 * `checkSignIn` (sign-in.ts), which asks here first and never computes a hash when refused.
 *
 * The rule (README "Sign-in"):
 * - per account and client address: 5 failures free, then each further check must wait
 *   1, 2, 4, 8 … seconds after the last failure (doubling, at most 15 minutes); a success
 *   clears it;
 * - per account, from every address that is not a known device together: a budget of 30
 *   failures that refills by one a minute (so at most ~1,500 guesses a day however many
 *   addresses an attacker has);
 * - a known device (a browser holding the signed device cookie from an earlier successful
 *   sign-in to that account) is throttled only by its own failures: failures from other
 *   addresses never lock the owner out of their own tablet or phone.
 * Refused attempts do not count, so waiting always helps. A failure counts from when its
 * check finished, and checks still running count as failures, so neither slow hashing nor
 * parallel requests shorten the wait. State lives in memory (one server
 * process per shop); a restart forgets it.
 */
export const FREE_FAILURES = 5;
export const MAX_BACKOFF_MS = 15 * 60_000;
export const ACCOUNT_BUDGET = 30;
export const ACCOUNT_REFILL_MS = 60_000;

type Backoff = { failures: number; lastFailureAt: number };
type Budget = { tokens: number; updatedAt: number };
type State = { backoff: Map<string, Backoff>; budget: Map<string, Budget>; inFlight: Map<string, number> };

const globalForThrottle = globalThis as unknown as { dangolSignInThrottle?: State };
const state = (globalForThrottle.dangolSignInThrottle ??= { backoff: new Map(), budget: new Map(), inFlight: new Map() });

/** Who is trying: the account (normalised email) and either a known device id or the client address. */
export type Attempt = { account: string; client: string; deviceId?: string | null };

function backoffKey({ account, client, deviceId }: Attempt): string {
  return deviceId ? `${account}\u0000device:${deviceId}` : `${account}\u0000addr:${client}`;
}

function budgetNow(account: string, now: number): Budget {
  const b = state.budget.get(account);
  if (!b) return { tokens: ACCOUNT_BUDGET, updatedAt: now };
  const refilled = Math.min(ACCOUNT_BUDGET, b.tokens + (now - b.updatedAt) / ACCOUNT_REFILL_MS);
  return { tokens: refilled, updatedAt: now };
}

export function backoffMs(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (failures - FREE_FAILURES - 1));
}

/** Milliseconds until this attempt may be checked; 0 when it may go ahead now. */
export function signInWaitMs(attempt: Attempt, now = Date.now()): number {
  const key = backoffKey(attempt);
  const b = state.backoff.get(key);
  const failures = b?.failures ?? 0;
  let own = b ? Math.max(0, b.lastFailureAt + backoffMs(failures) - now) : 0;
  // Checks still running count as failures until they end: parallel guesses cannot all slip
  // through the free ones at once.
  if (!own && failures + (state.inFlight.get(key) ?? 0) >= FREE_FAILURES && (state.inFlight.get(key) ?? 0) > 0) own = 1000;
  if (attempt.deviceId) return own;
  const budget = budgetNow(attempt.account, now);
  const shared = budget.tokens >= 1 ? 0 : Math.ceil((1 - budget.tokens) * ACCOUNT_REFILL_MS);
  return Math.max(own, shared);
}

/**
 * Ask to check a password: 0 and the check is reserved (call `endSignInAttempt` once it is
 * known), or the milliseconds to wait, nothing reserved.
 */
export function beginSignInAttempt(attempt: Attempt, now = Date.now()): number {
  const wait = signInWaitMs(attempt, now);
  if (wait > 0) return wait;
  const key = backoffKey(attempt);
  state.inFlight.set(key, (state.inFlight.get(key) ?? 0) + 1);
  // A guess from an unknown device spends the account's budget up front; a success refunds it.
  if (!attempt.deviceId) {
    const budget = budgetNow(attempt.account, now);
    state.budget.set(attempt.account, { tokens: Math.max(0, budget.tokens - 1), updatedAt: now });
  }
  return 0;
}

/** The outcome of a reserved check, at the time it became known. */
export function endSignInAttempt(attempt: Attempt, ok: boolean, now = Date.now()): void {
  const key = backoffKey(attempt);
  const left = (state.inFlight.get(key) ?? 1) - 1;
  if (left > 0) state.inFlight.set(key, left);
  else state.inFlight.delete(key);
  if (ok) {
    state.backoff.delete(key);
    if (!attempt.deviceId) {
      const budget = budgetNow(attempt.account, now);
      state.budget.set(attempt.account, { tokens: Math.min(ACCOUNT_BUDGET, budget.tokens + 1), updatedAt: now });
    }
    return;
  }
  const b = state.backoff.get(key);
  state.backoff.set(key, { failures: (b?.failures ?? 0) + 1, lastFailureAt: now });
  if (state.backoff.size > 50_000) {
    for (const [k, v] of state.backoff) if (now - v.lastFailureAt > MAX_BACKOFF_MS) state.backoff.delete(k);
  }
}

/** For tests: forget everything. */
export function resetSignInThrottle(): void {
  state.backoff.clear();
  state.budget.clear();
  state.inFlight.clear();
}
