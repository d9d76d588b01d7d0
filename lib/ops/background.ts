/**
 * The delivery worker inside the server process (started once from instrumentation.ts):
 * every second it sends what is due; every minute it queues the scheduled messages first
 * (and, once a shop-local day, recomputes every customer's loyalty tier); every few seconds it
 * sweeps prepayments (ended holds expire, refunds owed go out) and tells restock waiters of
 * an ordering window that opened (the storefront page, served from its shared render, no
 * longer runs that sweep for every visitor).
 * `DELIVERY_WORKER=off` leaves delivery to `npm run cli -- deliver`.
 */
import { getDb } from "@/db/client";
import { recomputeTiersOncePerDay } from "@/lib/loyalty/tiers";
import { tellCouponCode } from "@/lib/messages/coupon-messages";
import { enqueueScheduledMessages } from "@/lib/messages/scheduler";
import { deliverDue } from "@/lib/messages/worker";
import { sweepPayments } from "@/lib/prepayment/prepay";
import { sweepRestock } from "@/lib/restock/alerts";

const SCHEDULER_EVERY_MS = 60_000;
const PAYMENT_SWEEP_EVERY_MS = Number(process.env.PAYMENT_SWEEP_INTERVAL_MS) || 5_000;

const state = globalThis as unknown as { dangolDeliveryWorker?: NodeJS.Timeout };

export function startDeliveryWorker({ intervalMs = Number(process.env.DELIVERY_INTERVAL_MS) || 1000 } = {}): void {
  if (state.dangolDeliveryWorker || process.env.DELIVERY_WORKER === "off") return;
  let busy = false;
  let lastSchedule = 0;
  let lastSweep = 0;
  state.dangolDeliveryWorker = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      const db = getDb();
      if (Date.now() - lastSchedule >= SCHEDULER_EVERY_MS) {
        lastSchedule = Date.now();
        enqueueScheduledMessages({ db });
        recomputeTiersOncePerDay({ db, tell: tellCouponCode("birthday_coupon") });
      }
      await deliverDue({ db });
      if (Date.now() - lastSweep >= PAYMENT_SWEEP_EVERY_MS) {
        lastSweep = Date.now();
        await sweepPayments({ db });
        sweepRestock({ db });
      }
    } catch (e) {
      console.error("delivery worker:", (e as Error).message);
    } finally {
      busy = false;
    }
  }, intervalMs);
  state.dangolDeliveryWorker.unref();
}
