import { describe, expect, it } from "vitest";
import { PHONE_SESSION_TTL_MS, readPhoneSession, signPhoneSession } from "./phone-session";

const secret = "s".repeat(32);

describe("phone session", () => {
  it("reads back the phone it signed until it expires", () => {
    const { value, expiresAt } = signPhoneSession({ phone: "01012345678", now: 1_000, secret });
    expect(expiresAt).toBe(1_000 + PHONE_SESSION_TTL_MS);
    expect(readPhoneSession({ value, now: expiresAt - 1, secret })).toBe("01012345678");
    expect(readPhoneSession({ value, now: expiresAt, secret })).toBeNull();
  });

  it("refuses another phone, another expiry or another secret", () => {
    const { value } = signPhoneSession({ phone: "01012345678", now: 1_000, secret });
    const [, exp, sig] = value.split(".");
    expect(readPhoneSession({ value: `01099998888.${exp}.${sig}`, now: 2_000, secret })).toBeNull();
    expect(readPhoneSession({ value: `01012345678.${Number(exp) + 60_000}.${sig}`, now: 2_000, secret })).toBeNull();
    expect(readPhoneSession({ value, now: 2_000, secret: "t".repeat(32) })).toBeNull();
    expect(readPhoneSession({ value: "garbage", now: 2_000, secret })).toBeNull();
    expect(readPhoneSession({ value: undefined, now: 2_000, secret })).toBeNull();
  });
});
