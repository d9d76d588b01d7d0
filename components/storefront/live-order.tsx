"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";

const POLL_MS = 5_000;
/** EventSource retries by itself; after this many failures in a row we poll instead. */
const MAX_FAILURES = 3;

/**
 * Keeps the order page current without reload: each server-sent event re-renders the
 * server component. A proxy that breaks streaming falls back to polling.
 */
export function LiveOrder({ token }: { token: string }) {
  const router = useRouter();
  useEffect(() => {
    let failures = 0;
    let poll: ReturnType<typeof setInterval> | null = null;
    let source: EventSource | null = null;
    const startPolling = () => {
      source?.close();
      poll ??= setInterval(() => router.refresh(), POLL_MS);
    };
    if (typeof EventSource === "undefined") {
      startPolling();
    } else {
      source = new EventSource(`/o/${encodeURIComponent(token)}/events`);
      source.addEventListener("open", () => {
        // Anything missed while disconnected is picked up on reconnect.
        if (failures > 0) router.refresh();
        failures = 0;
      });
      source.addEventListener("change", () => router.refresh());
      source.addEventListener("error", () => {
        failures += 1;
        if (failures >= MAX_FAILURES || source?.readyState === EventSource.CLOSED) startPolling();
      });
    }
    return () => {
      source?.close();
      if (poll) clearInterval(poll);
    };
  }, [token, router]);
  return null;
}
