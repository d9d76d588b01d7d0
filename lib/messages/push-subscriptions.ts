/** "준비되면 알림 받기": a browser's push subscription, tied to the customer of the order page. */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { pushSubscriptions } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { findOrderByToken } from "@/lib/orders/customer-actions";

const base64url = z.string().regex(/^[A-Za-z0-9_-]+=*$/).max(200);

export const pushSubscriptionInput = z.object({
  endpoint: z.string().url().max(1000).refine((u) => /^https?:\/\//.test(u)),
  keys: z.object({ p256dh: base64url, auth: base64url }),
});

export function subscribeOrderPush({ db, token, subscription, now = Date.now() }: { db: Db; token: string; subscription: unknown; now?: number }): void {
  const parsed = pushSubscriptionInput.safeParse(subscription);
  if (!parsed.success) throw new AppError("validation", "알림 구독 정보가 올바르지 않아요.");
  const { endpoint, keys } = parsed.data;
  db.transaction(
    (tx) => {
      const order = findOrderByToken({ db: tx, token });
      if (!order?.customerId) throw new AppError("not_found", "주문을 찾을 수 없어요.");
      tx.insert(pushSubscriptions)
        .values({ customerId: order.customerId, endpoint, p256dh: keys.p256dh, auth: keys.auth, createdAt: now })
        .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { customerId: order.customerId, p256dh: keys.p256dh, auth: keys.auth } })
        .run();
    },
    { behavior: "immediate" },
  );
}

export function hasPushSubscription({ db, customerId }: { db: Db; customerId: number }): boolean {
  return !!db.select({ id: pushSubscriptions.id }).from(pushSubscriptions).where(eq(pushSubscriptions.customerId, customerId)).get();
}
