/** The owner's message log: every message and event with its state. */
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { outbox, webhookEndpoints, type OutboxItem } from "@/db/schema";
import { deliveryId } from "./worker";

export const OUTBOX_STATUSES = ["queued", "sending", "sent", "delivered", "failed", "cancelled"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export type OutboxRowView = {
  id: number;
  messageId: string;
  kind: OutboxItem["kind"];
  topic: string;
  purpose: OutboxItem["purpose"];
  /** Where it went: the last four digits of the phone, the customer number or the endpoint URL. */
  recipient: string;
  status: OutboxStatus;
  attempts: number;
  channel: string | null;
  lastError: string | null;
  body: string | null;
  nextAttemptAt: number;
  createdAt: number;
  sentAt: number | null;
};

export function listOutbox({
  db,
  status,
  kind,
  limit = 200,
}: {
  db: DbOrTx;
  status?: OutboxStatus;
  kind?: OutboxItem["kind"];
  limit?: number;
}): OutboxRowView[] {
  const where: SQL[] = [];
  if (status) where.push(eq(outbox.status, status));
  if (kind) where.push(eq(outbox.kind, kind));
  return db
    .select({ row: outbox, url: webhookEndpoints.url })
    .from(outbox)
    .leftJoin(webhookEndpoints, eq(webhookEndpoints.id, outbox.webhookEndpointId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(outbox.id))
    .limit(limit)
    .all()
    .map(({ row, url }) => ({
      id: row.id,
      messageId: deliveryId(row),
      kind: row.kind,
      topic: row.topic,
      purpose: row.purpose,
      recipient:
        row.kind === "webhook" ? (url ?? "—") : row.phone ? `***-${row.phone.slice(-4)}` : row.customerId ? `#${row.customerId}` : "—",
      status: row.status,
      attempts: row.attempts,
      channel: row.channel,
      lastError: row.lastError,
      body: row.body,
      nextAttemptAt: row.nextAttemptAt,
      createdAt: row.createdAt,
      sentAt: row.sentAt,
    }));
}

export function outboxCounts({ db }: { db: DbOrTx }): Record<OutboxStatus, number> {
  const rows = db
    .select({ status: outbox.status, n: sql<number>`count(*)` })
    .from(outbox)
    .groupBy(outbox.status)
    .all();
  const counts = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}
