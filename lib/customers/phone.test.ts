import { describe, expect, it } from "vitest";
import { formatPhone, normalizePhone, phoneLast4 } from "./phone";

describe("normalizePhone", () => {
  it.each([
    ["010-1234-5678", "01012345678"],
    ["01012345678", "01012345678"],
    ["010 1234 5678", "01012345678"],
    ["010.1234.5678", "01012345678"],
    ["+82 10 1234 5678", "01012345678"],
    ["+82-10-1234-5678", "01012345678"],
    ["+82 010 1234 5678", "01012345678"],
    ["821012345678", "01012345678"],
    ["  010-1234-5678  ", "01012345678"],
    ["011-123-4567", "0111234567"],
    ["02-123-4567", "021234567"],
    ["(02) 1234-5678", "0212345678"],
    ["+82 2 1234 5678", "0212345678"],
    ["031-123-4567", "0311234567"],
    ["070-1234-5678", "07012345678"],
  ])("%s → %s", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each([
    ["empty", ""],
    ["letters", "010-abcd-5678"],
    ["too short", "010-123-456"],
    ["too long", "010-1234-56789"],
    ["another country", "+1 212 555 0100"],
    ["not a Korean prefix", "099-1234-5678"],
    ["script", "<script>alert(1)</script>"],
    ["very long input", "0".repeat(10_000)],
    ["mobile without the leading 0", "10-1234-5678"],
  ])("refuses %s", (_, input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  it("refuses what is not a string", () => {
    expect(normalizePhone(12345678901 as unknown as string)).toBeNull();
    expect(normalizePhone(null as unknown as string)).toBeNull();
  });
});

describe("formatPhone and phoneLast4", () => {
  it("prints the usual Korean groupings", () => {
    expect(formatPhone("01012345678")).toBe("010-1234-5678");
    expect(formatPhone("0111234567")).toBe("011-123-4567");
    expect(formatPhone("021234567")).toBe("02-123-4567");
    expect(formatPhone("0212345678")).toBe("02-1234-5678");
  });

  it("shows staff only the last four digits", () => {
    expect(phoneLast4("01012345678")).toBe("5678");
    expect(phoneLast4(null)).toBe("");
  });
});
