/**
 * Every benchmark module, run in this order against one server. Adding one is a module under
 * scripts/bench/ (default-exporting a BenchModule, see ./types.ts) and one line here.
 */
import metricsScale from "./metrics-scale";
import outbox from "./outbox";
import rackLive from "./rack-live";
import storefront from "./storefront";
import type { BenchModule } from "./types";

export const BENCH_MODULES: { name: string; run: BenchModule }[] = [
  { name: "storefront", run: storefront },
  { name: "rack-live", run: rackLive },
  { name: "metrics-scale", run: metricsScale },
  { name: "outbox", run: outbox },
];
