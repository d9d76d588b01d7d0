/**
 * Crash restart: `npm start` (scripts/start.ts) on a copy of the bench database and the
 * bench build, writes going on, then `kill -9` of its whole process group, then a fresh
 * start — seconds from spawn until `GET /api/v1/health` answers 200. The rule: ≤ 5 s with
 * an unchanged build. Three rounds; the slowest counts.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { backupDatabase } from "@/lib/ops/backup";
import { assertLoopback, round, runLoad } from "./load";
import type { BenchModule, BenchRow } from "./types";

const ROUNDS = 3;
const LIMIT_S = 5;

function startServer(port: number, dbPath: string, distDir: string): ChildProcess {
  return spawn(process.execPath, ["--import", "./scripts/node/server-only.mjs", "--import", "tsx", "scripts/start.ts"], {
    // Its own process group, so kill -9 takes start.ts and its `next start` child together.
    detached: true,
    stdio: "ignore",
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DATABASE_PATH: dbPath,
      NEXT_DIST_DIR: distDir,
      NODE_ENV: "production",
      RATE_LIMIT_ORDERS_PER_MINUTE: "0",
    },
  });
}

async function secondsUntilHealthy(baseUrl: string, child: ChildProcess, timeoutS = 90): Promise<number> {
  const started = performance.now();
  while ((performance.now() - started) / 1000 < timeoutS) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode})`);
    try {
      if ((await fetch(`${baseUrl}/api/v1/health`)).ok) return (performance.now() - started) / 1000;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("server did not answer health in time");
}

function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    // already gone
  }
}

const crashRestart: BenchModule = async ({ baseUrl, dbPath, apiKey }) => {
  assertLoopback(baseUrl);
  const port = Number(new URL(baseUrl).port) + 50;
  const ownUrl = `http://127.0.0.1:${port}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dangol-crash-"));
  const copy = path.join(dir, "crash.db");
  backupDatabase({ source: dbPath, to: copy });
  const distDir = process.env.NEXT_DIST_DIR || ".next-bench";
  const times: number[] = [];
  let child = startServer(port, copy, distDir);
  try {
    const first = await secondsUntilHealthy(ownUrl, child);
    for (let round_ = 0; round_ < ROUNDS; round_++) {
      // Counter sales while it is killed, so the WAL has work in it at the crash.
      const load = runLoad({
        concurrency: 4,
        durationMs: 1500,
        send: (i) =>
          fetch(`${ownUrl}/api/v1/sales`, {
            method: "POST",
            headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
            body: JSON.stringify({ external_id: `crash-${round_}-${i}`, items: [{ product_id: 1, quantity: 1 }] }),
          }),
      });
      await new Promise((r) => setTimeout(r, 1000));
      killGroup(child);
      await load;
      child = startServer(port, copy, distDir);
      times.push(await secondsUntilHealthy(ownUrl, child));
    }
    const worst = Math.max(...times);
    const rows: BenchRow[] = [
      { name: "first start (unchanged build)", metric: "seconds to health", value: round(first, 2) },
      {
        name: "restart after kill -9 (unchanged build)",
        metric: "seconds to health (slowest)",
        value: round(worst, 2),
        note: `${ROUNDS} rounds: ${times.map((t) => round(t, 2)).join(", ")} s; rule ≤ ${LIMIT_S} s`,
      },
      { name: `crash restart ≤ ${LIMIT_S} s`, metric: "holds (1 = yes)", value: worst <= LIMIT_S ? 1 : 0 },
    ];
    return rows;
  } finally {
    killGroup(child);
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

export default crashRestart;
