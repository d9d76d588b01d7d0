/**
 * The placement thread (lib/orders/placement-thread.ts): places each order it is sent with its
 * own connection and answers with the result or the refusal, plus the order changes it
 * committed, which the main thread publishes.
 */
import { parentPort, workerData } from "node:worker_threads";
import { describeSqliteError, getDb, setWalAutocheckpoint } from "@/db/client";
import { onOrderChange, type OrderChange } from "@/lib/events/order-events";
import { appErrorToWire, isAppError } from "@/lib/errors";
import { joinWriteGate, waitForAnnouncedWrites } from "@/db/write-gate";
import { databasePath } from "@/lib/config/paths";
import { placeOrder } from "./place-order";
import { placementInput, type PlacementMessage, type PlacementRequest, type PlacementThreadData } from "./placement-thread";

const port = parentPort!;
const { walAutocheckpoint, writeGate } = workerData as PlacementThreadData;
// The main thread's writes go first (db/write-gate.ts).
joinWriteGate(writeGate);
// Checkpoints are the checkpoint thread's (db/wal-checkpointer.ts), as for the server's connection.
setWalAutocheckpoint(walAutocheckpoint);

let changes: OrderChange[] = [];
onOrderChange((change) => changes.push(change));

function reply(message: PlacementMessage): void {
  port.postMessage(message);
}

port.on("message", ({ id, args }: PlacementRequest) => {
  changes = [];
  try {
    // A bad body is refused at once; only a placement waits for the main thread's writes.
    const placement = placementInput(args);
    waitForAnnouncedWrites();
    const result = placeOrder({ db: getDb(), ...placement });
    reply({ id, changes, result });
  } catch (thrown) {
    // A damaged or read-only file is said in words (its `cause`, which the main thread logs).
    const e = describeSqliteError(databasePath(), thrown) ?? thrown;
    if (isAppError(e)) {
      reply({ id, changes, error: appErrorToWire(e) });
    } else {
      console.error(e);
      reply({ id, changes, crash: true });
    }
  }
});
reply({ ready: true });
