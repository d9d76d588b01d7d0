import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * Node flags of the production server process (`npm start` and the bench start it the same way).
 * `--max-semi-space-size=32`: V8's young generation may grow to 32 MiB per semi-space (Node's
 * default caps it at 16): a request allocates short-lived objects (Next's rendering, JSON,
 * query rows) and a bigger nursery collects them in fewer, cheaper scavenges. Costs at most
 * 2 × 32 MiB of memory more than the default when the server is busy.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=32"];

/** The arguments of `node` for the production server: the flags, the peer-address hook, `next start`. */
export function nextStartArgs({ port, host }: { port: string; host?: string }): string[] {
  return [
    ...SERVER_NODE_FLAGS,
    "--require",
    require.resolve("./peer-address.cjs"),
    require.resolve("next/dist/bin/next"),
    "start",
    "-p",
    port,
    ...(host ? ["-H", host] : []),
  ];
}
