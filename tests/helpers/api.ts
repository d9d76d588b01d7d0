/**
 * Calling route handlers directly, as Next would: a real `Request`, the `{ params }` promise,
 * and the parsed JSON answer.
 */
import { count } from "drizzle-orm";
import type { Db } from "@/db/client";
import { consents, customers, orderEvents, orderItems, orders } from "@/db/schema";

export const ORIGIN = "http://shop.test";

type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

export type ApiAnswer = { status: number; headers: Headers; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function call<P = Record<string, string>>(
  handler: Handler<P>,
  {
    method = "GET",
    path,
    body,
    rawBody,
    headers = {},
    params = {} as P,
  }: { method?: string; path: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; params?: P },
): Promise<ApiAnswer> {
  const hasBody = body !== undefined || rawBody !== undefined;
  const req = new Request(ORIGIN + path, {
    method,
    // A real request always names its host; the public origin falls back to it.
    headers: { host: new URL(ORIGIN).host, ...(hasBody ? { "content-type": "application/json" } : {}), ...headers },
    body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const res = await handler(req, { params: Promise.resolve(params) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Left as text: a test asserting on JSON will then fail and show it.
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/** Row counts of everything placing an order writes, to prove a refused request wrote nothing. */
export function orderRowCounts(db: Db) {
  const n = (table: typeof orders | typeof customers | typeof consents | typeof orderItems | typeof orderEvents) =>
    db.select({ n: count() }).from(table).get()!.n;
  return { orders: n(orders), orderItems: n(orderItems), orderEvents: n(orderEvents), customers: n(customers), consents: n(consents) };
}
