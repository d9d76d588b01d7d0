"use server";

import { z } from "zod";
import { getDb } from "@/db/client";
import { PAYMENT_METHODS } from "@/db/schema";
import { defineCommand } from "@/lib/actions";
import { getRackCard, type RackCard } from "@/lib/rack/board";
import { changeRackSlot, checkInByScan, closeOutDay, markReady, moveOrder, undoRackMove } from "@/lib/rack/moves";
import { isDateString } from "@/lib/shop/time";
import { numeric } from "@/lib/validation/numbers";

type CardResult = { card: RackCard | null };

const orderId = numeric(z.number().int().positive("order_not_found"));
const rackSlot = z.string().regex(/^[A-Z]\d{1,2}$/, "rack_slot_choose_again");

function cardOf(id: number): CardResult {
  return { card: getRackCard({ db: getDb(), orderId: id }) ?? null };
}

/** 준비완료: the bag goes on the next free rack slot (or the one chosen). */
export const markReadyAction = defineCommand(
  { permission: "rack", schema: z.object({ orderId, rackSlot: rackSlot.optional() }) },
  (input, { user }) => {
    const order = markReady({ db: getDb(), orderId: input.orderId, actor: { type: "user", userId: user.id }, rackSlot: input.rackSlot });
    return { ok: true, message: order.rackSlot ?? undefined, data: cardOf(order.id) };
  },
);

/** 도착 / 건네줌 (with the payment method when unpaid) / 노쇼 (after the slot, or confirmed early). */
export const moveOrderAction = defineCommand(
  {
    permission: "rack",
    schema: z.object({
      orderId,
      to: z.enum(["arrived", "picked_up", "no_show"]),
      /** 건네줌 on an unpaid order: how it was paid. */
      paymentMethod: z.enum(PAYMENT_METHODS).optional(),
      /** 노쇼 before the slot has ended: staff confirmed it. */
      early: z.boolean().optional(),
    }),
  },
  (input, { user }) => {
    const order = moveOrder({
      db: getDb(),
      orderId: input.orderId,
      to: input.to,
      paymentMethod: input.paymentMethod,
      early: input.early,
      actor: { type: "user", userId: user.id },
    });
    return { ok: true, data: cardOf(order.id) };
  },
);

export const undoMoveAction = defineCommand({ permission: "rack", schema: z.object({ orderId }) }, (input, { user }) => {
  const order = undoRackMove({ db: getDb(), orderId: input.orderId, actor: { type: "user", userId: user.id } });
  return { ok: true, data: cardOf(order.id) };
});

export const changeSlotAction = defineCommand({ permission: "rack", schema: z.object({ orderId, rackSlot }) }, (input, { user }) => {
  const order = changeRackSlot({
    db: getDb(),
    orderId: input.orderId,
    rackSlot: input.rackSlot,
    actor: { type: "user", userId: user!.id },
  });
  return { ok: true, data: cardOf(order.id) };
});

/** Close-out: every uncollected order of the date becomes a no-show. The form carries the staff's confirmation. */
export const closeOutAction = defineCommand(
  {
    permission: "rack",
    schema: z.object({ date: z.string().refine(isDateString, "date_invalid"), confirm: z.literal("yes", { error: "close_out_confirm" }) }),
  },
  (input, { user }) => {
    const changed = closeOutDay({ db: getDb(), date: input.date, actor: { type: "user", userId: user.id } });
    return { ok: true, data: { count: changed.length } };
  },
);

/** A QR scan: find the order, mark it arrived when it is still waiting, open it. */
export const scanAction = defineCommand(
  { permission: "rack", schema: z.object({ text: z.string().trim().min(1, "qr_unreadable").max(500, "qr_too_long") }) },
  (input, { user }) => {
    const { order, markedArrived } = checkInByScan({ db: getDb(), text: input.text, actor: { type: "user", userId: user.id } });
    return { ok: true, data: { orderId: order.id, markedArrived } };
  },
);
