import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { freshDb, OWNER, shopWithProducts } from "@/tests/helpers/db";
import { checkSignIn } from "./sign-in";
import { ACCOUNT_BUDGET, resetSignInThrottle } from "./sign-in-throttle";

const SECRET = "test-secret-test-secret-test-secret";
let db: Db;
beforeEach(() => {
  db = freshDb();
  shopWithProducts(db);
  resetSignInThrottle();
});

const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);
const attempt = (password: string, extra: { client?: string; deviceCookie?: string | null; now?: number } = {}) =>
  checkSignIn({
    db,
    email: OWNER.email,
    password,
    client: extra.client ?? "203.0.113.7",
    deviceCookie: extra.deviceCookie,
    secret: SECRET,
    now: extra.now ?? T0,
  });

describe("sign-in throttle", () => {
  it("after 5 wrong passwords from one address the right one is refused until the backoff passes", async () => {
    for (let i = 0; i < 5; i++) expect(await attempt("wrong-password", { now: T0 + i })).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt("wrong-password", { now: T0 + 10 })).toEqual({ ok: false, reason: "invalid" }); // 6th failure: 1 s wait
    const refused = await attempt(OWNER.password, { now: T0 + 500 });
    expect(refused).toMatchObject({ ok: false, reason: "throttled" });
    // The backoff doubles with each failure and is over once waited out.
    expect((await attempt(OWNER.password, { now: T0 + 10 + 1_000 })).ok).toBe(true);
  });

  it("parallel guesses cannot all slip through the free ones: checks still running count", async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => attempt("wrong-password")));
    expect(answers.filter((a) => a.ok === false && a.reason === "invalid")).toHaveLength(5);
    expect(answers.filter((a) => a.ok === false && a.reason === "throttled")).toHaveLength(5);
  });

  it("failures from one address do not slow another address down", async () => {
    for (let i = 0; i < 8; i++) await attempt("wrong-password", { client: "198.51.100.1", now: T0 + i });
    expect((await attempt(OWNER.password, { client: "198.51.100.1", now: T0 + 100 })).ok).toBe(false);
    expect((await attempt(OWNER.password, { client: "203.0.113.7", now: T0 + 100 })).ok).toBe(true);
  });

  it("many addresses together hit the per-account ceiling, which refills slowly; a known device still signs in", async () => {
    const first = await attempt(OWNER.password, { client: "192.0.2.1" });
    if (!first.ok) throw new Error("the owner should sign in");
    for (let i = 0; i < ACCOUNT_BUDGET; i++) await attempt("wrong-password", { client: `10.0.${i}.1`, now: T0 + i });
    // A fresh address with the right password: refused, the account's budget is spent.
    expect(await attempt(OWNER.password, { client: "10.9.9.9", now: T0 + 1_000 })).toMatchObject({ ok: false, reason: "throttled" });
    // The owner's own browser (device cookie from the earlier sign-in) is not locked out.
    expect((await attempt(OWNER.password, { client: "10.9.9.9", deviceCookie: first.deviceCookie, now: T0 + 1_000 })).ok).toBe(true);
    // A forged or other-account device cookie counts for nothing.
    expect(
      (await attempt(OWNER.password, { client: "10.9.9.9", deviceCookie: first.deviceCookie.slice(0, -2) + "xx", now: T0 + 1_000 })).ok,
    ).toBe(false);
    // One minute later the budget has grown by one guess.
    expect((await attempt(OWNER.password, { client: "10.9.9.8", now: T0 + ACCOUNT_BUDGET + 61_000 })).ok).toBe(true);
  });

  it("refuses without revealing whether the email exists, and unknown emails are throttled alike", async () => {
    for (let i = 0; i < 6; i++) {
      expect(
        await checkSignIn({ db, email: "nobody@example.com", password: "x-password", client: "1.1.1.1", secret: SECRET, now: T0 + i }),
      ).toEqual({ ok: false, reason: "invalid" });
    }
    expect(
      await checkSignIn({ db, email: "nobody@example.com", password: "x-password", client: "1.1.1.1", secret: SECRET, now: T0 + 10 }),
    ).toMatchObject({ reason: "throttled" });
  });
});
