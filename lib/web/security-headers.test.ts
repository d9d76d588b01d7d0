import { describe, expect, it } from "vitest";
import { tossSources } from "@/lib/payments/adapters/toss";
import { securityHeaders } from "./security-headers";

const at = (url: string, https = false) => {
  const u = new URL(url, "http://shop.test");
  return securityHeaders({ pathname: u.pathname, searchParams: u.searchParams, nonce: "abc123", https });
};

describe("security headers", () => {
  it("forbid framing, sniffing and foreign scripts everywhere", () => {
    const h = at("/admin/settings");
    expect(h["X-Frame-Options"]).toBe("DENY");
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(h["Content-Security-Policy"]).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(h["Content-Security-Policy"]).not.toContain("unsafe-eval");
  });

  it("send no referrer from pages whose URL holds a customer token", () => {
    for (const url of ["/o/tok123", "/me/tok123", "/r/tok123", "/c/coffee?t=tok123", "/inquiry?t=tok123"])
      expect(at(url)["Referrer-Policy"]).toBe("no-referrer");
    for (const url of ["/", "/c/coffee", "/login", "/admin"]) expect(at(url)["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });

  it("set HSTS only over HTTPS", () => {
    expect(at("/")["Strict-Transport-Security"]).toBeUndefined();
    expect(at("/", true)["Strict-Transport-Security"]).toMatch(/^max-age=\d+/);
  });

  it("allow the payment provider's origins only on the payment step, and only with the provider configured", () => {
    const provider = tossSources({ TOSS_CLIENT_KEY: "test_ck", TOSS_SECRET_KEY: "test_sk" })!;
    const csp = (url: string, p: typeof provider | null) =>
      securityHeaders({ pathname: url, searchParams: new URLSearchParams(), nonce: "n", https: false, paymentProvider: p })[
        "Content-Security-Policy"
      ];
    const pay = csp("/o/abcdefghijklmnop1234/pay", provider);
    expect(pay).toContain("script-src 'self' 'nonce-n' 'strict-dynamic' https://js.tosspayments.com");
    expect(pay).toContain("frame-src 'self' https://*.tosspayments.com");
    expect(pay).toContain("connect-src 'self' https://*.tosspayments.com");
    for (const [url, p] of [
      ["/o/abcdefghijklmnop1234", provider],
      ["/", provider],
      ["/o/abcdefghijklmnop1234/pay", null],
    ] as const) {
      expect(csp(url, p)).not.toContain("tosspayments");
      expect(csp(url, p)).not.toContain("frame-src");
    }
    expect(tossSources({})).toBeNull();
  });

  it("allow the camera only on the rack's scan page", () => {
    expect(at("/rack/scan")["Permissions-Policy"]).toContain("camera=(self)");
    expect(at("/rack")["Permissions-Policy"]).toContain("camera=()");
    expect(at("/admin/settings")["Permissions-Policy"]).toContain("camera=()");
  });
});
