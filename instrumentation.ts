/** Next.js start-up hook: the outbox delivery worker, the WAL checkpoint thread and the order placement thread run once per server process. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startDeliveryWorker } = await import("./lib/ops/background");
    startDeliveryWorker();
    const { startWalCheckpointer } = await import("./db/wal-checkpointer");
    startWalCheckpointer();
    const { placementThread } = await import("./lib/orders/placement-thread");
    placementThread();
  }
}
