/**
 * One racer in the concurrency tests: a separate Node process with its own connection to the
 * same SQLite file. It loads everything, prints `ready`, waits for `go` on stdin, then places
 * its orders all at once — through the route handler or straight through `placeOrder` — and
 * prints one JSON line with each attempt's status and error code.
 *
 * Run with `node --import tsx tests/helpers/race-worker.ts`; the spec comes in RACE_SPEC.
 */
import readline from "node:readline";
import { getDb } from "@/db/client";
import { POST } from "@/app/api/v1/storefront/orders/route";
import { isAppError } from "@/lib/errors";
import { orderInput } from "@/lib/orders/input";
import { placeOrder } from "@/lib/orders/place-order";

export type RaceSpec = {
  via: "route" | "placeOrder";
  /** One request body per attempt. */
  bodies: unknown[];
};
export type RaceResult = { status: number; code: string | null };

const spec = JSON.parse(process.env.RACE_SPEC ?? "{}") as RaceSpec;

async function attempt(body: unknown): Promise<RaceResult> {
  if (spec.via === "route") {
    const req = new Request("http://race.test/api/v1/storefront/orders", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const res = await POST(req, { params: Promise.resolve({}) });
    const json = (await res.json()) as { error?: { code: string } };
    return { status: res.status, code: json.error?.code ?? null };
  }
  try {
    placeOrder({ db: getDb(), input: orderInput.parse(body), channel: "web" });
    return { status: 201, code: null };
  } catch (e) {
    if (isAppError(e)) return { status: e.status, code: e.code };
    return { status: 500, code: String((e as Error).message) };
  }
}

getDb();
const lines = readline.createInterface({ input: process.stdin });
process.stdout.write("ready\n");
lines.once("line", async () => {
  lines.close();
  const results = await Promise.all(spec.bodies.map(attempt));
  process.stdout.write(JSON.stringify({ results }) + "\n");
  process.exit(0);
});
