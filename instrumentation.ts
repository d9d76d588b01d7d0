/** Next.js start-up hook: the outbox delivery worker runs once per server process. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startDeliveryWorker } = await import("./lib/ops/background");
    startDeliveryWorker();
  }
}
