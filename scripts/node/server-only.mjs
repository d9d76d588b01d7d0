/**
 * Node entry points (the CLI, start, bench, e2e server, test workers) are servers: there the
 * `server-only` guard on database modules is empty, as it is in Next's server bundles. Load
 * with `--import ./scripts/node/server-only.mjs`. (The `react-server` condition would do the
 * same but also swaps React for its server build, which the message formatter cannot use.)
 * The loader also points next-intl at its format-only runtime (precompiled messages).
 */
import { register } from "node:module";

register("./server-only-loader.mjs", import.meta.url);
