/** "준비되면 알림 받기": a browser's push subscription, tied to the customer of the order page. */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { pushSubscriptions } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { findOrderByToken } from "@/lib/orders/customer-actions";
import { vapidKeys } from "./adapters/push";

const base64url = z
  .string()
  .regex(/^[A-Za-z0-9_-]+=*$/)
  .max(200);

export const pushSubscriptionInput = z.object({
  endpoint: z
    .string()
    .url()
    .max(1000)
    .refine((u) => /^https?:\/\//.test(u)),
  keys: z.object({ p256dh: base64url, auth: base64url }),
});

export function subscribeOrderPush({
  db,
  token,
  subscription,
  now = Date.now(),
}: {
  db: Db;
  token: string;
  subscription: unknown;
  now?: number;
}): void {
  const parsed = pushSubscriptionInput.safeParse(subscription);
  if (!parsed.success) throw new AppError("validation", { message: "push_subscription_invalid" });
  const { endpoint, keys } = parsed.data;
  db.transaction(
    (tx) => {
      const order = findOrderByToken({ db: tx, token });
      if (!order?.customerId) throw new AppError("not_found", { message: "order_not_found" });
      tx.insert(pushSubscriptions)
        .values({ customerId: order.customerId, endpoint, p256dh: keys.p256dh, auth: keys.auth, createdAt: now })
        .onConflictDoUpdate({
          target: pushSubscriptions.endpoint,
          set: { customerId: order.customerId, p256dh: keys.p256dh, auth: keys.auth },
        })
        .run();
    },
    { behavior: "immediate" },
  );
}

/** What the order page's "준비되면 알림 받기" needs: the VAPID public key and whether this customer already gets push. */
export function orderPushState({ db, token }: { db: Db; token: string }): { publicKey: string; subscribed: boolean } {
  const order = findOrderByToken({ db, token });
  const subscribed =
    !!order?.customerId &&
    !!db.select({ id: pushSubscriptions.id }).from(pushSubscriptions).where(eq(pushSubscriptions.customerId, order.customerId)).get();
  return { publicKey: vapidKeys().publicKey, subscribed };
}
