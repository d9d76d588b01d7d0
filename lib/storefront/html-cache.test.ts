/**
 * The storefront's shared first page: who may share it, one render for many at once, a fresh
 * nonce and order key in every copy, and never older than its second or the data behind it.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { freshDb, plan, shopWithProducts } from "@/tests/helpers/db";
import { addDays, localDate } from "@/lib/shop/time";
import { invalidateStorefront } from "./cache";
import {
  clearSharedPages,
  internalRender,
  RENDER_HEADER,
  renderHeaderValue,
  SHARED_PAGE_TTL_MS,
  sharedPage,
  sharedPageKey,
  toRenderedPage,
  type RenderedPage,
} from "./html-cache";

const PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148";
const key = (path: string, headers: Record<string, string> = {}, method = "GET") =>
  sharedPageKey({
    method,
    url: new URL(path, "http://shop.test"),
    headers: new Headers({ host: "shop.test", "user-agent": PHONE, ...headers }),
  });

describe("who shares the storefront's first page", () => {
  it("shares a plain visit, per origin, language, date and kind of reader", () => {
    expect(key("/")).toBe("http://shop.test ko  browser");
    expect(key("/?date=2026-12-01")).toBe("http://shop.test ko 2026-12-01 browser");
    expect(key("/", { cookie: "locale=en" })).toBe("http://shop.test en  browser");
    expect(key("/", { cookie: "locale=xx" })).toBe("http://shop.test ko  browser");
    // A malformed value is no known language (and no crash): the default one.
    expect(key("/", { cookie: "locale=%E0%A4%A" })).toBe("http://shop.test ko  browser");
    expect(key("/", { cookie: "locale=en; ; " })).toBe("http://shop.test en  browser");
    expect(key("/", { "x-forwarded-host": "bakery.example", "x-forwarded-proto": "https" })).toBe("https://bakery.example ko  browser");
    expect(key("/", { "user-agent": "facebookexternalhit/1.1" })).toBe("http://shop.test ko  html");
  });

  it("renders anew for a visitor with their own page", () => {
    // A confirmed phone (restock buttons of their own), a signed-in owner, any other cookie.
    expect(key("/", { cookie: "locale=ko; dangol_phone=abc" })).toBeNull();
    expect(key("/", { cookie: "authjs.session-token=x" })).toBeNull();
    // A shared cart, an unknown or repeated query, a malformed date.
    expect(key("/?cart=1x2")).toBeNull();
    expect(key("/?utm=1")).toBeNull();
    expect(key("/?date=2026-12-01&date=2026-12-02")).toBeNull();
    expect(key("/?date=tomorrow")).toBeNull();
    // Not a document load: client navigation, prefetch, server action, another page, another method.
    expect(key("/", { rsc: "1" })).toBeNull();
    expect(key("/", { "next-router-prefetch": "1" })).toBeNull();
    expect(key("/", { "next-action": "abc" })).toBeNull();
    expect(key("/?_rsc=1x2y")).toBeNull();
    expect(key("/", { "sec-fetch-dest": "empty", "sec-fetch-mode": "cors" })).toBeNull();
    expect(key("/", { "sec-fetch-dest": "document", "sec-fetch-mode": "navigate" })).toBe("http://shop.test ko  browser");
    expect(key("/find")).toBeNull();
    expect(key("/", {}, "POST")).toBeNull();
    // The server's own render is never answered from the shared page.
    expect(key("/", { [RENDER_HEADER]: "anything" })).toBeNull();
  });

  it("trusts the render header only with this process's secret", () => {
    const value = renderHeaderValue({ nonce: "n0nce", orderKey: "k3y" });
    expect(internalRender(new Headers({ [RENDER_HEADER]: value }))).toEqual({ nonce: "n0nce", orderKey: "k3y" });
    expect(internalRender(new Headers({ [RENDER_HEADER]: `guess ${"n0nce"} k3y` }))).toBeNull();
    expect(internalRender(new Headers({ [RENDER_HEADER]: value.split(" ")[0] }))).toBeNull();
    expect(internalRender(new Headers())).toBeNull();
  });
});

describe("a render becomes a shared page only when it is an ordinary page", () => {
  const ids = { nonce: "NONCE_A", orderKey: "KEY_A" };
  const html = (body: string, init: ResponseInit = {}) =>
    new Response(body, { status: 200, ...init, headers: { "content-type": "text/html; charset=utf-8", ...init.headers } });

  it("keeps the page and its headers, not the transfer's", async () => {
    const page = await toRenderedPage(
      html(`<script nonce="NONCE_A">x</script>`, { headers: { "content-encoding": "gzip", vary: "rsc", date: "Mon" } }),
      ids,
    );
    expect(page?.body).toBe(`<script nonce="NONCE_A">x</script>`);
    expect(page?.headers).toEqual([
      ["content-type", "text/html; charset=utf-8"],
      ["vary", "rsc"],
    ]);
  });

  it("refuses a redirect, an error, a cookie, another type or a page without the nonce", async () => {
    expect(await toRenderedPage(new Response(null, { status: 307, headers: { location: "/setup" } }), ids)).toBeNull();
    expect(await toRenderedPage(html(`<p nonce="NONCE_A">`, { status: 500 }), ids)).toBeNull();
    expect(await toRenderedPage(html(`<p nonce="NONCE_A">`, { headers: { "set-cookie": "a=b" } }), ids)).toBeNull();
    expect(await toRenderedPage(new Response(`{"nonce":"NONCE_A"}`, { headers: { "content-type": "application/json" } }), ids)).toBeNull();
    expect(await toRenderedPage(html(`<p>no nonce here</p>`), ids)).toBeNull();
  });
});

describe("serving the shared page", () => {
  let db: Db;
  let renders: number;
  let clock: number;
  const page = (n: number): RenderedPage => ({
    status: 200,
    headers: [["content-type", "text/html"]],
    body: `<script nonce="RENDER_NONCE_${n}">go("RENDER_KEY_${n}")</script><p>render ${n}</p><input value="RENDER_KEY_${n}">`,
    nonce: `RENDER_NONCE_${n}`,
    orderKey: `RENDER_KEY_${n}`,
  });
  const render = async () => page(++renders);
  const serve = (nonce: string, orderKey: string, r: () => Promise<RenderedPage | null> = render) =>
    sharedPage({ db, key: "k", nonce, orderKey, render: r, now: () => clock });

  beforeEach(() => {
    db = freshDb();
    invalidateStorefront();
    clearSharedPages();
    renders = 0;
    clock = 1_000_000;
  });

  it("renders once for everyone who asks at the same moment, each copy with its own nonce and order key", async () => {
    const copies = await Promise.all(Array.from({ length: 20 }, (_, i) => serve(`nonce${i}`, `key${i}`)));
    expect(renders).toBe(1);
    copies.forEach((copy, i) => {
      expect(copy?.body).toBe(`<script nonce="nonce${i}">go("key${i}")</script><p>render 1</p><input value="key${i}">`);
    });
  });

  const settle = () => new Promise((r) => setTimeout(r, 0));

  it("answers from its page for half its time, then renders anew in the background while still answering", async () => {
    await serve("a", "b");
    clock += SHARED_PAGE_TTL_MS / 2 - 1;
    expect((await serve("a", "b"))?.body).toContain("render 1");
    expect(renders).toBe(1);
    clock += 1;
    expect((await serve("a", "b"))?.body).toContain("render 1");
    await settle();
    expect(renders).toBe(2);
    expect((await serve("a", "b"))?.body).toContain("render 2");
  });

  it("never answers from a page whose second has passed: that visitor waits for the new render", async () => {
    await serve("a", "b");
    let finish: (page: RenderedPage) => void = () => {};
    const slow = () => new Promise<RenderedPage>((resolve) => (finish = resolve));
    clock += SHARED_PAGE_TTL_MS;
    let answered = "";
    const waiting = serve("a", "b", slow).then((copy) => (answered = copy?.body ?? "none"));
    await settle();
    expect(answered).toBe("");
    finish(page(7));
    await waiting;
    expect(answered).toContain("render 7");
  });

  it("renders at once after an owner's change; after a write, soon and in the background", async () => {
    const tomorrow = addDays(localDate(Date.now()), 1);
    const shop = shopWithProducts(db);
    await serve("a", "b");
    invalidateStorefront();
    expect((await serve("a", "b"))?.body).toContain("render 2");
    // A write through this connection (an order by the API, a counter sale): no invalidation.
    plan(db, tomorrow, shop.bagel.id, 5);
    expect((await serve("a", "b"))?.body).toContain("render 2");
    expect(renders).toBe(2);
    clock += SHARED_PAGE_TTL_MS / 4;
    expect((await serve("a", "b"))?.body).toContain("render 2");
    await settle();
    expect(renders).toBe(3);
    expect((await serve("a", "b"))?.body).toContain("render 3");
  });

  it("answers nothing when the render fails or may not be shared, and tries again next time", async () => {
    expect(await serve("a", "b", async () => null)).toBeNull();
    expect(
      await serve("a", "b", async () => {
        throw new Error("connection refused");
      }),
    ).toBeNull();
    expect((await serve("a", "b"))?.body).toContain("render 1");
    // A refresh that fails keeps the page it would have replaced.
    clock += SHARED_PAGE_TTL_MS / 2;
    await serve("a", "b", async () => {
      throw new Error("connection refused");
    });
    await settle();
    expect((await serve("a", "b"))?.body).toContain("render 1");
  });
});
