import { describe, expect, it } from "vitest";
import { cookieFrom, parseCookies } from "./cookies";

describe("cookies from a Cookie header", () => {
  it("reads names and decoded values, the first of a repeated name, and skips empty parts", () => {
    expect([...parseCookies("locale=en; ; a=%ED%95%9C; a=second;flag")]).toEqual([
      ["locale", "en"],
      ["a", "한"],
      ["flag", ""],
    ]);
    expect(cookieFrom("x=1; dangol_device=7.abc.sig", "dangol_device")).toBe("7.abc.sig");
    expect(cookieFrom(null, "x")).toBeNull();
  });

  it("keeps a value that is not valid percent-encoding as sent instead of throwing", () => {
    expect(cookieFrom("dangol_device=%E0%A4%A", "dangol_device")).toBe("%E0%A4%A");
  });
});
