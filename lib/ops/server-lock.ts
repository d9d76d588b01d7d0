/**
 * "A server is using this database": a small marker file next to the database, written by
 * `npm start` (and the e2e server) while it runs, holding its pid. `restore` refuses while
 * the marker names a live process. A marker left by a crashed or killed server names a
 * dead pid and counts as not running, so a hard kill never locks the owner out.
 */
import fs from "node:fs";
import os from "node:os";

export type ServerMarker = { pid: number; host: string; startedAt: number; port?: string };

export function serverMarkerPath(dbPath: string): string {
  return `${dbPath}.server`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else — still running.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function readServerMarker(dbPath: string): ServerMarker | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(serverMarkerPath(dbPath), "utf8")) as ServerMarker;
    return Number.isInteger(parsed.pid) && parsed.pid > 0 ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * The live server holding the database, or null. A marker written on another host cannot be
 * checked by pid (a database on a shared folder), so it counts as live: `--force` overrides.
 */
export function runningServer(dbPath: string): ServerMarker | null {
  const marker = readServerMarker(dbPath);
  if (!marker) return null;
  if (marker.host !== os.hostname()) return marker;
  return isAlive(marker.pid) ? marker : null;
}

/**
 * Write the marker for this process and remove it when the process exits (normal exit or
 * the usual signals; after SIGKILL the dead pid makes it stale).
 */
export function holdServerMarker({ dbPath, port }: { dbPath: string; port?: string }): () => void {
  const file = serverMarkerPath(dbPath);
  const marker: ServerMarker = { pid: process.pid, host: os.hostname(), startedAt: Date.now(), port };
  // Owner-only, like the database next to it.
  fs.writeFileSync(file, JSON.stringify(marker), { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    // Only remove our own marker: a second server may have taken over the file.
    if (readServerMarker(dbPath)?.pid === process.pid) fs.rmSync(file, { force: true });
  };
  process.on("exit", release);
  return release;
}
