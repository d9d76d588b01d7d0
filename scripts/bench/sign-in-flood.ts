/**
 * Password hashing must not stall the pages: storefront `GET /` p50 while 10 clients keep
 * posting wrong passwords to Auth.js's own endpoint (`POST /api/auth/callback/credentials`),
 * divided by `GET /` p50 with no flood, in the same run. Must stay ≤ 2.
 *
 * The flood sprays a fresh unknown email on every attempt: the throttle keys on account and
 * address, so each attempt passes it and costs a full scrypt — the worst case for the CPU
 * (guesses at one account are refused by the throttle before any hash is computed).
 */
import { assertLoopback, round, runLoad } from "./load";
import type { BenchModule, BenchRow } from "./types";

const FLOOD = 10;
const PAGE_CONCURRENCY = 2;
const LIMIT = 2;
const seconds = Number(process.env.BENCH_SECONDS) > 0 ? Number(process.env.BENCH_SECONDS) : 8;

const signInFlood: BenchModule = async ({ baseUrl }) => {
  assertLoopback(baseUrl);
  const durationMs = seconds * 1000;
  const page = () => fetch(baseUrl + "/", { headers: { "accept-language": "ko" } });

  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const runId = Date.now().toString(36);

  await runLoad({ concurrency: PAGE_CONCURRENCY, count: 20, send: page });
  const idle = await runLoad({ concurrency: PAGE_CONCURRENCY, durationMs, send: page });

  let flooding = true;
  let attempts = 0;
  const statuses: Record<number, number> = {};
  const flood = Array.from({ length: FLOOD }, async (_, worker) => {
    for (let i = 0; flooding; i++) {
      const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie },
        body: new URLSearchParams({ csrfToken, email: `flood-${runId}-${worker}-${i}@example.com`, password: "wrong-password-1" }),
      }).catch(() => null);
      await res?.arrayBuffer();
      attempts++;
      statuses[res?.status ?? 0] = (statuses[res?.status ?? 0] ?? 0) + 1;
    }
  });
  // Let the flood fill the hash queue before measuring.
  await new Promise((r) => setTimeout(r, 1000));
  const during = await runLoad({ concurrency: PAGE_CONCURRENCY, durationMs, send: page });
  flooding = false;
  await Promise.all(flood);

  const ratio = during.p50 / idle.p50;
  const rows: BenchRow[] = [
    { name: `GET / idle (c=${PAGE_CONCURRENCY})`, metric: "p50 ms", value: round(idle.p50) },
    {
      name: `GET / during ${FLOOD}-way wrong-password flood (c=${PAGE_CONCURRENCY})`,
      metric: "p50 ms",
      value: round(during.p50),
      baseline: { name: "GET / idle", value: round(idle.p50) },
      ratio: round(ratio, 2),
      note: `${attempts} sign-in attempts in ~${seconds + 1}s (${Object.entries(statuses)
        .map(([s, n]) => `${s}: ${n}`)
        .join(", ")}); p95 ${round(during.p95)} ms vs ${round(idle.p95)} ms idle`,
    },
    { name: `flood ratio ≤ ${LIMIT}`, metric: "holds (1 = yes)", value: ratio <= LIMIT ? 1 : 0 },
  ];
  if (attempts < FLOOD) throw new Error(`로그인 시도가 거의 나가지 않았어요 (${attempts}건).`);
  return rows;
};

export default signInFlood;
