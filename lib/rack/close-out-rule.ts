/** Pure (no database): the rack board imports it on the tablet. */
import { localDate, localTime } from "@/lib/shop/time";
import type { RackBoard } from "./board";

/**
 * Uncollected orders whose pickup window has not ended yet at `now`: closing out now would
 * call them no-shows early, so the confirm step says how many.
 */
export function stillInSlot({ board, now }: { board: Pick<RackBoard, "cards" | "date" | "timezone">; now: number }): number {
  const today = localDate(now, board.timezone);
  const open = board.cards.filter((c) => c.status === "placed" || c.status === "ready" || c.status === "arrived");
  if (board.date !== today) return board.date > today ? open.length : 0;
  const clock = localTime(now, board.timezone);
  return open.filter((c) => c.slotEnd > clock).length;
}
