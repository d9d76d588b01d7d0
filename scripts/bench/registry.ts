/**
 * Every benchmark module, run in this order against one server. Adding one is a module under
 * scripts/bench/ (default-exporting a BenchModule, see ./types.ts) and one line here.
 */
import crashRestart from "./crash-restart";
import drop from "./drop";
import hostileRequests from "./hostile-requests";
import importLoad from "./import-load";
import lighthouse from "./lighthouse";
import metricsScale from "./metrics-scale";
import outbox from "./outbox";
import rackLive from "./rack-live";
import signInFlood from "./sign-in-flood";
import storefront from "./storefront";
import type { BenchModule } from "./types";

export const BENCH_MODULES: { name: string; run: BenchModule }[] = [
  { name: "storefront", run: storefront },
  { name: "drop", run: drop },
  { name: "rack-live", run: rackLive },
  { name: "metrics-scale", run: metricsScale },
  { name: "hostile-requests", run: hostileRequests },
  { name: "import-load", run: importLoad },
  { name: "crash-restart", run: crashRestart },
  { name: "sign-in-flood", run: signInFlood },
  { name: "outbox", run: outbox },
  { name: "lighthouse", run: lighthouse },
];
