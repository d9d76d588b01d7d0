/** Start a racer process (tests/helpers/race-worker.ts) and wait until it is loaded and waiting for the start signal. */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import { tsFileArgs } from "./node";
import type { RaceResult, RaceSpec } from "./race-worker";

export function startRaceWorker(
  spec: RaceSpec,
  children: ChildProcessWithoutNullStreams[],
): Promise<{ go: () => void; done: Promise<RaceResult[]> }> {
  const child = spawn(process.execPath, tsFileArgs(path.join(import.meta.dirname, "race-worker.ts")), {
    cwd: path.join(import.meta.dirname, "../.."),
    env: { ...process.env, RACE_SPEC: JSON.stringify(spec) },
  });
  children.push(child);
  let out = "";
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  return new Promise((resolveReady, rejectReady) => {
    const done = new Promise<RaceResult[]>((resolveDone, rejectDone) => {
      child.on("exit", (code) => {
        const last = out.trim().split("\n").at(-1) ?? "";
        if (code === 0 && last.startsWith("{")) resolveDone((JSON.parse(last) as { results: RaceResult[] }).results);
        else rejectDone(new Error(`race worker exited ${code}: ${err || out}`));
      });
    });
    done.catch(rejectReady);
    child.stdout.on("data", (d) => {
      out += d;
      if (out.startsWith("ready\n")) resolveReady({ go: () => child.stdin.write("go\n"), done });
    });
  });
}
