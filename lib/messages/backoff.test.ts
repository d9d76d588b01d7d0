import { describe, expect, it } from "vitest";
import { maxAttempts, retryDelay, RETRY_WINDOW_MS } from "./backoff";

describe("retry backoff", () => {
  it("retries the first time within 30 seconds, whatever the jitter", () => {
    expect(retryDelay(1, () => 0)).toBeLessThan(30_000);
    expect(retryDelay(1, () => 0.9999)).toBeLessThan(30_000);
  });

  it("grows, and spreads retries with jitter", () => {
    expect(retryDelay(3, () => 0.5)).toBeGreaterThan(retryDelay(2, () => 0.5));
    expect(retryDelay(2, () => 0)).not.toBe(retryDelay(2, () => 0.99));
  });

  it("keeps retrying webhooks for at least 24 hours even with the shortest waits", () => {
    const attempts = maxAttempts("webhook");
    let spanned = 0;
    for (let a = 1; a < attempts; a++) spanned += retryDelay(a, () => 0);
    expect(spanned).toBeGreaterThanOrEqual(RETRY_WINDOW_MS.webhook);
    expect(spanned).toBeLessThan(RETRY_WINDOW_MS.webhook + 2 * 60 * 60_000);
  });
});
