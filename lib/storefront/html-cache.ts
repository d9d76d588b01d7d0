/**
 * The storefront's first page (`/`, or `/?date=…`) as rendered HTML, shared by every visitor
 * who would get the very same page, for at most `SHARED_PAGE_TTL_MS`. The evening the list
 * opens, hundreds of phones ask for that page within seconds: one render serves them all.
 *
 * - Shared only with a visitor who carries no cookie but `locale`, asks no other query than a
 *   valid `date`, and loads a whole document (not a client navigation, prefetch or server
 *   action). A customer whose phone is confirmed sees their own alert buttons, a shared cart
 *   link its cart: they get their own render.
 * - The page is rendered by this server itself (`render`), one render at a time per page — the
 *   others wait for it — with a nonce and an order key chosen here. Every copy served swaps in
 *   fresh ones, so each response keeps its own CSP nonce and each order form its own
 *   idempotency key (both are random, so the swap cannot touch anything else).
 * - An entry serves for at most its time from the moment its render began, so a count is never
 *   older than that, and not at all after an owner's change; a write (an order) brings the next
 *   render forward. The order transaction remains the only truth. Anything unusual in a render
 *   (not a 200, a cookie set, the nonce missing) is not shared: that visitor gets Next's own
 *   answer.
 */
import crypto from "node:crypto";
import { getBotType } from "next/dist/shared/lib/router/utils/is-bot";
import type { Db } from "@/db/client";
import { resolveLocale } from "@/i18n/messages";
import { isDateString } from "@/lib/shop/time";
import { parseCookies } from "@/lib/web/cookies";
import { requestOrigin } from "./share-preview";
import { storefrontVersion } from "./cache";

export const SHARED_PAGE_TTL_MS = 1000;
const MAX_PAGES = 64;

/** Request header of the server's own render: `<secret> <nonce> <order key>`. */
export const RENDER_HEADER = "x-dangol-render";
/** Request header telling the page which idempotency key its order form carries. */
export const ORDER_KEY_HEADER = "x-dangol-order-key";
/** Request header telling the page to read the database rather than the menu cache (set for the shared render). */
export const FRESH_HEADER = "x-dangol-fresh";

/** Headers a client may not hand to the page: only the proxy sets them. */
export const PRIVATE_REQUEST_HEADERS = [RENDER_HEADER, ORDER_KEY_HEADER, FRESH_HEADER];

/** Requests that are not a plain document load (next.config.ts keeps them visible to the proxy). */
const NAVIGATION_HEADERS = [
  "rsc",
  "next-action",
  "next-router-prefetch",
  "next-router-state-tree",
  "next-router-segment-prefetch",
  "next-url",
];

/** Response headers that belong to one transfer, or are set again per response. */
const PER_RESPONSE_HEADERS = new Set(["content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive", "date"]);

export type RenderedPage = { status: number; headers: [string, string][]; body: string; nonce: string; orderKey: string };
type Entry = { page: RenderedPage; owner: number; data: string; started: number };

const state = ((globalThis as { [key: symbol]: unknown })[Symbol.for("dangol.storefront-html")] ??= {
  pages: new Map<string, Entry>(),
  pending: new Map<string, Promise<Entry | null>>(),
  secret: crypto.randomBytes(18).toString("base64url"),
}) as { pages: Map<string, Entry>; pending: Map<string, Promise<Entry | null>>; secret: string };

/**
 * Which shared page answers this request, or null when the visitor needs a render of their own.
 * The key holds everything the page depends on: the origin it links to, the language, the date,
 * and whether Next renders for a crawler (which gets its metadata in the head, not streamed).
 */
export function sharedPageKey({ method, url, headers }: { method: string; url: URL; headers: Headers }): string | null {
  if (method !== "GET" || url.pathname !== "/") return null;
  if ([...NAVIGATION_HEADERS, RENDER_HEADER].some((name) => headers.has(name))) return null;
  // A browser says what it loads: only a page load, never a script's fetch (a client navigation).
  const dest = headers.get("sec-fetch-dest");
  if (dest && dest !== "document") return null;
  let date = "";
  for (const [name, value] of url.searchParams) {
    if (name !== "date" || date || !isDateString(value)) return null;
    date = value;
  }
  const cookies = parseCookies(headers.get("cookie"));
  if ([...cookies.keys()].some((name) => name !== "locale")) return null;
  const reader = getBotType(headers.get("user-agent") ?? "") ?? "browser";
  return [requestOrigin(headers)?.origin ?? "", resolveLocale(cookies.get("locale")), date, reader].join(" ");
}

/** The nonce and order key of the server's own render, when the header carries this process's secret. */
export function internalRender(headers: Headers): { nonce: string; orderKey: string } | null {
  const [secret, nonce, orderKey] = (headers.get(RENDER_HEADER) ?? "").split(" ");
  if (!secret || !nonce || !orderKey) return null;
  const a = Buffer.from(secret);
  const b = Buffer.from(state.secret);
  return a.length === b.length && crypto.timingSafeEqual(a, b) ? { nonce, orderKey } : null;
}

/** The header value that asks this server for a render to share. */
export function renderHeaderValue({ nonce, orderKey }: { nonce: string; orderKey: string }): string {
  return `${state.secret} ${nonce} ${orderKey}`;
}

/** A render's response as a page to share, or null when it must not be shared. */
export async function toRenderedPage(
  response: Response,
  { nonce, orderKey }: { nonce: string; orderKey: string },
): Promise<RenderedPage | null> {
  if (response.status !== 200 || response.headers.has("set-cookie")) return null;
  if (!response.headers.get("content-type")?.startsWith("text/html")) return null;
  const body = await response.text();
  if (!body.includes(`nonce="${nonce}"`)) return null;
  const headers = [...response.headers].filter(([name]) => !PER_RESPONSE_HEADERS.has(name));
  return { status: response.status, headers, body, nonce, orderKey };
}

/**
 * The shared page for `key` with this response's own nonce and order key swapped in. An entry
 * serves for SHARED_PAGE_TTL_MS from the moment its render started (so what it shows was read
 * less than that long ago) and until an owner's change; past half its time, or a little after
 * any write, the next request starts a new render in the background and is still answered from
 * the entry, so under steady traffic nobody waits for a render. With no usable entry the
 * request waits for the render (one per page, however many ask). Null when the page cannot be
 * shared: the caller lets Next answer.
 */
export async function sharedPage({
  db,
  key,
  nonce,
  orderKey,
  render,
  now = Date.now,
}: {
  db: Db;
  key: string;
  nonce: string;
  orderKey: string;
  render: () => Promise<RenderedPage | null>;
  now?: () => number;
}): Promise<{ status: number; headers: [string, string][]; body: string } | null> {
  const version = storefrontVersion(db);
  const at = now();
  let entry: Entry | null | undefined = state.pages.get(key);
  const usable = !!entry && entry.owner === version.owner && at < entry.started + SHARED_PAGE_TTL_MS;
  const age = entry ? at - entry.started : Infinity;
  const due = !usable || age >= SHARED_PAGE_TTL_MS / 2 || (entry!.data !== version.data && age >= SHARED_PAGE_TTL_MS / 4);
  const pending = due ? renderOnce(key, render, { ...version, started: at }) : undefined;
  if (!usable) entry = await pending;
  if (!entry) return null;
  const { page } = entry;
  return {
    status: page.status,
    headers: page.headers,
    body: page.body.replaceAll(page.nonce, nonce).replaceAll(page.orderKey, orderKey),
  };
}

/** The render in progress for `key`, or a new one; its page replaces the entry (or removes it when it may not be shared). */
function renderOnce(key: string, render: () => Promise<RenderedPage | null>, at: Omit<Entry, "page">): Promise<Entry | null> {
  const running = state.pending.get(key);
  if (running) return running;
  const pending = render()
    .then((page) => {
      const fresh = page ? { page, ...at } : null;
      state.pages.delete(key);
      if (fresh) {
        if (state.pages.size >= MAX_PAGES) state.pages.delete(state.pages.keys().next().value!);
        state.pages.set(key, fresh);
      }
      return fresh;
    })
    // A render that failed outright (the server's own address unreachable) leaves the entry as it was.
    .catch(() => null)
    .finally(() => state.pending.delete(key));
  state.pending.set(key, pending);
  return pending;
}

/** Forget every shared page (tests). */
export function clearSharedPages(): void {
  state.pages.clear();
}
