import { afterEach, describe, expect, it } from "vitest";
import { clientAddressOf, PEER_HEADER, publicOrigin, requestIsHttps } from "./request";

afterEach(() => {
  delete process.env.TRUST_PROXY;
  delete process.env.PUBLIC_URL;
});

const h = (o: Record<string, string>) => new Headers(o);
const forged = {
  host: "127.0.0.1:3000",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
  "x-forwarded-for": "10.0.0.9",
  [PEER_HEADER]: "192.0.2.10",
};

describe("what a request may claim", () => {
  it("without TRUST_PROXY, forwarded headers are ignored: the socket peer and the Host header decide", () => {
    expect(clientAddressOf(h(forged))).toBe("192.0.2.10");
    expect(publicOrigin(h(forged))).toBe("http://127.0.0.1:3000");
    expect(requestIsHttps(h(forged))).toBe(false);
    expect(clientAddressOf(h({}))).toBe("local");
  });

  it("with TRUST_PROXY=1, the proxy's forwarded host, proto and last-hop address are believed", () => {
    process.env.TRUST_PROXY = "1";
    expect(clientAddressOf(h({ ...forged, "x-forwarded-for": "6.6.6.6, 10.0.0.9" }))).toBe("10.0.0.9");
    expect(publicOrigin(h(forged))).toBe("https://evil.example");
    expect(requestIsHttps(h(forged))).toBe(true);
  });

  it("PUBLIC_URL wins over anything the request says", () => {
    process.env.PUBLIC_URL = "https://bread.example.com/";
    process.env.TRUST_PROXY = "1";
    expect(publicOrigin(h(forged))).toBe("https://bread.example.com");
  });
});
