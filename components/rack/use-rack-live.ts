"use client";

import { useEffect, useState } from "react";
import type { RackBoard, RackCard } from "@/lib/rack/card-rules";

export type LiveState = "connecting" | "live" | "reconnecting" | "polling";

const POLL_MS = 5_000;
/** After this many failed connections in a row the board also polls, until the stream is back. */
const FAILURES_BEFORE_POLLING = 3;

/**
 * Keeps a board in step with the server: an EventSource on /api/live/rack (the browser
 * reconnects by itself; each reconnect starts with a full board), and a JSON poll only while
 * the stream is down.
 */
export function useRackLive(initial: RackBoard) {
  const [board, setBoard] = useState(initial);
  const [state, setState] = useState<LiveState>("connecting");
  // The server's clock minus this tablet's, read once when the board mounts and after each update.
  const [clockOffset] = useState(() => ({ current: initial.serverNow - Date.now() }));

  useEffect(() => {
    const url = `/api/live/rack?date=${encodeURIComponent(initial.date)}`;
    let source: EventSource | null = null;
    let failures = 0;
    let poll: ReturnType<typeof setInterval> | null = null;
    let reopen: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;

    const stopPolling = () => {
      if (poll) clearInterval(poll);
      poll = null;
    };
    const pollOnce = async () => {
      try {
        const res = await fetch(`${url}&format=json`, { cache: "no-store" });
        if (res.ok) applyBoard((await res.json()) as RackBoard);
      } catch {
        // offline: try again on the next tick
      }
    };
    const applyBoard = (next: RackBoard) => {
      clockOffset.current = next.serverNow - Date.now();
      setBoard(next);
    };
    const open = () => {
      if (stopped) return;
      if (typeof EventSource === "undefined") {
        setState("polling");
        poll ??= setInterval(pollOnce, POLL_MS);
        return;
      }
      source = new EventSource(url);
      source.addEventListener("board", (e) => {
        failures = 0;
        stopPolling();
        setState("live");
        applyBoard(JSON.parse((e as MessageEvent).data) as RackBoard);
      });
      source.addEventListener("card", (e) => {
        const { card, orderId, serverNow } = JSON.parse((e as MessageEvent).data) as {
          card: RackCard | null;
          orderId: number;
          serverNow: number;
        };
        clockOffset.current = serverNow - Date.now();
        setBoard((b) => upsertCard(b, orderId, card));
      });
      source.onerror = () => {
        failures += 1;
        setState(failures >= FAILURES_BEFORE_POLLING ? "polling" : "reconnecting");
        if (failures >= FAILURES_BEFORE_POLLING && !poll) {
          void pollOnce();
          poll = setInterval(pollOnce, POLL_MS);
        }
        // A closed source (e.g. the server answered an error) is not retried by the browser.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          reopen = setTimeout(open, Math.min(30_000, 1_000 * failures));
        }
      };
    };
    open();
    return () => {
      stopped = true;
      source?.close();
      stopPolling();
      if (reopen) clearTimeout(reopen);
    };
  }, [initial.date, clockOffset]);

  /** Put a card the tablet just changed on the board at once, without waiting for its event. */
  const applyCard = (card: RackCard | null, orderId: number) => setBoard((b) => upsertCard(b, orderId, card));
  return { board, state, applyCard, clockOffset };
}

function upsertCard(board: RackBoard, orderId: number, card: RackCard | null): RackBoard {
  const rest = board.cards.filter((c) => c.id !== orderId);
  if (!card || card.status === "cancelled" || card.status === "expired" || card.status === "awaiting_payment")
    return { ...board, cards: rest };
  const cards = [...rest, card].sort((a, b) => a.slotStart.localeCompare(b.slotStart) || a.placedAt - b.placedAt || a.id - b.id);
  return { ...board, cards };
}

/** A clock that ticks every second, corrected by the server's time. */
export function useNow(offset: React.RefObject<number>): number {
  const [now, setNow] = useState(() => Date.now() + offset.current);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + offset.current), 1_000);
    return () => clearInterval(timer);
  }, [offset]);
  return now;
}
