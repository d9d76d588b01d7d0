import type { RackActions } from "@/components/rack/rack-actions";
import { changeSlotAction, closeOutAction, markReadyAction, moveOrderAction, undoMoveAction } from "./actions";

/** The rack pages hand these to the board and the order page (components never import app/). */
export const rackActions: RackActions = {
  markReady: markReadyAction,
  moveOrder: moveOrderAction,
  undoMove: undoMoveAction,
  changeSlot: changeSlotAction,
  closeOut: closeOutAction,
};
