/**
 * Requests the built app must refuse with a 4xx, never a 500 (checked against the real
 * production server, where Next's own handling of server actions runs):
 * a cross-origin server action → 403, a 10 MB one → 413, one with a body format no action
 * has → 400, text/plain to `POST /api/v1/sales` and `POST /api/live/rack` → 415.
 */
import { assertLoopback } from "./load";
import type { BenchModule, BenchRow } from "./types";

const ACTION_ID = "7f".padEnd(42, "0");

const hostileRequests: BenchModule = async ({ baseUrl, apiKey }) => {
  assertLoopback(baseUrl);
  const host = new URL(baseUrl).host;
  const action = (headers: Record<string, string>, body: string) =>
    fetch(`${baseUrl}/inquiry`, { method: "POST", headers: { "next-action": ACTION_ID, ...headers }, body });
  const cases: { name: string; expected: number; send: () => Promise<Response> }[] = [
    {
      name: "server action from another origin",
      expected: 403,
      send: () => action({ origin: "http://evil.test", "content-type": "text/plain;charset=UTF-8" }, "[]"),
    },
    {
      name: "10 MB server action body",
      expected: 413,
      send: () => action({ origin: `http://${host}`, "content-type": "text/plain;charset=UTF-8" }, "x".repeat(10 * 1024 * 1024)),
    },
    {
      name: "server action with a JSON body",
      expected: 400,
      send: () => action({ origin: `http://${host}`, "content-type": "application/json" }, "{"),
    },
    {
      name: "text/plain to POST /api/v1/sales",
      expected: 415,
      send: () =>
        fetch(`${baseUrl}/api/v1/sales`, {
          method: "POST",
          headers: { authorization: `Bearer ${apiKey}`, "content-type": "text/plain" },
          body: "{}",
        }),
    },
    {
      name: "text/plain to POST /api/live/rack",
      expected: 415,
      send: () =>
        fetch(`${baseUrl}/api/live/rack`, {
          method: "POST",
          headers: { authorization: `Bearer ${apiKey}`, "content-type": "text/plain" },
          body: "{}",
        }),
    },
  ];
  const rows: BenchRow[] = [];
  let holds = true;
  for (const c of cases) {
    let status = 0;
    try {
      const res = await c.send();
      await res.arrayBuffer();
      status = res.status;
    } catch {
      status = 0;
    }
    holds &&= status === c.expected;
    rows.push({ name: c.name, metric: "HTTP status", value: status, note: `expected ${c.expected}` });
  }
  rows.push({ name: "hostile requests answered 4xx as specified", metric: "holds (1 = yes)", value: holds ? 1 : 0 });
  return rows;
};

export default hostileRequests;
