/**
 * A small closed-loop load generator on node's fetch: `concurrency` workers each send the
 * next request as soon as their last one answered, until the count or the time runs out.
 * Shared by the bench modules; loopback only.
 */
export type LoadResult = {
  requests: number;
  /** Responses by HTTP status (0 = network error). */
  statuses: Record<number, number>;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  max: number;
};

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "[::1]", "::1"].includes(host)) throw new Error(`벤치마크는 이 컴퓨터 안에서만 돌려요: ${url}`);
}

/**
 * Run `send(i)` for i = 0, 1, 2… with `concurrency` in flight. Stops after `count` requests
 * or `durationMs`, whichever comes first (at least one bound is required), or as soon as
 * `stop()` says so.
 */
export async function runLoad({
  concurrency,
  count = Infinity,
  durationMs = Infinity,
  send,
  stop = () => false,
}: {
  concurrency: number;
  count?: number;
  durationMs?: number;
  send: (index: number) => Promise<Response>;
  stop?: () => boolean;
}): Promise<LoadResult> {
  if (!Number.isFinite(count) && !Number.isFinite(durationMs)) throw new Error("runLoad needs a count or a duration");
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const worker = async () => {
    while (next < count && performance.now() < deadline && !stop()) {
      const index = next++;
      const t0 = performance.now();
      let status = 0;
      try {
        const res = await send(index);
        await res.arrayBuffer(); // the whole body, as a browser would
        status = res.status;
      } catch {
        status = 0;
      }
      latencies.push(performance.now() - t0);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    statuses,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: latencies.at(-1) ?? 0,
  };
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
