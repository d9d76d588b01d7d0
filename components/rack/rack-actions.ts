import type { CommandAction } from "@/lib/actions";
import type { RackCard } from "@/lib/rack/card-rules";
import type { CardMove, MoveExtra } from "./rack-card";

type CardResult = { card: RackCard | null };

/**
 * The rack's server actions, as the board and the order page receive them from their pages
 * (app/(staff)/rack/actions.ts): components never import from app/.
 */
export type RackActions = {
  markReady: CommandAction<{ orderId: number; rackSlot?: string }, CardResult>;
  moveOrder: CommandAction<{ orderId: number; to: Exclude<CardMove, "ready"> } & MoveExtra, CardResult>;
  undoMove: CommandAction<{ orderId: number }, CardResult>;
  changeSlot: CommandAction<{ orderId: number; rackSlot: string }, CardResult>;
  closeOut: CommandAction<{ date: string; confirm: "yes" }, { count: number }>;
};
