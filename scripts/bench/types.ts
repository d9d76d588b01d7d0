/**
 * The contract of a benchmark module under scripts/bench/: it receives a running production
 * server and its database, measures, and returns rows. Figures are reported as ratios against
 * a baseline measured in the same run.
 */
export type BenchContext = {
  /** e.g. http://127.0.0.1:3300 — the production build with the demo data loaded. */
  baseUrl: string;
  /** The server's SQLite file (open it read-only or through lib/ functions). */
  dbPath: string;
  /** An owner-scope API key valid on that server. */
  apiKey: string;
};

export type BenchRow = {
  name: string;
  /** What was measured, e.g. "requests/s", "p95 ms". */
  metric: string;
  value: number;
  /** The same metric for the baseline in this run, and value ÷ baseline. */
  baseline?: { name: string; value: number };
  ratio?: number;
  note?: string;
};

export type BenchModule = (ctx: BenchContext) => Promise<BenchRow[]>;
