import { describe, expect, it } from "vitest";
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
    for (const url of ["/o/tok123", "/me/tok123", "/r/tok123", "/c/coffee?t=tok123", "/inquiry?t=tok123"]) expect(at(url)["Referrer-Policy"]).toBe("no-referrer");
    for (const url of ["/", "/c/coffee", "/login", "/admin"]) expect(at(url)["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });

  it("set HSTS only over HTTPS", () => {
    expect(at("/")["Strict-Transport-Security"]).toBeUndefined();
    expect(at("/", true)["Strict-Transport-Security"]).toMatch(/^max-age=\d+/);
  });

  it("allow the camera only on the rack's scan page", () => {
    expect(at("/rack/scan")["Permissions-Policy"]).toContain("camera=(self)");
    expect(at("/rack")["Permissions-Policy"]).toContain("camera=()");
    expect(at("/admin/settings")["Permissions-Policy"]).toContain("camera=()");
  });
});
