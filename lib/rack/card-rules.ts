/**
 * The rack's card shape and the rules the tablet applies on its own (long waits, find):
 * pure, so the browser imports them without the database.
 */
import type { ChosenOption, OrderStatus, PaymentMethod } from "@/db/schema";

export type RackCardItem = { name: string; quantity: number; options: string[] };

export type RackCard = {
  id: number;
  code: string;
  pickupDate: string;
  status: OrderStatus;
  channel: "web" | "phone";
  customerName: string;
  phoneLast4: string;
  /** The customer's loyalty tier (lib/loyalty/tiers.ts), when they have reached one. */
  tierName?: string | null;
  slotStart: string;
  slotEnd: string;
  rackSlot: string | null;
  paid: boolean;
  /** How it was paid, once paid at the counter. */
  paymentMethod: PaymentMethod | null;
  total: number;
  /** Refunded of a prepayment (a no-show's returned share). */
  refunded: number;
  /** Coupon discount already taken off `total`. */
  discount: number;
  note: string;
  items: RackCardItem[];
  placedAt: number;
  readyAt: number | null;
  arrivedAt: number | null;
  pickedUpAt: number | null;
  noShowAt: number | null;
};

export type RackBoard = {
  date: string;
  rackSlots: string[];
  cards: RackCard[];
  /** Server time the snapshot was read, so tablets with a wrong clock still time waits right. */
  serverNow: number;
  /** The shop's zone, to tell which slots have ended on the tablet's clock. */
  timezone: string;
  /** Prepayments refunded for the day's cancelled orders (not on the board), when the board was read. */
  refundedCancelled?: number;
};

/** Waits longer than this after a customer arrives stand out on the board (docs/PRODUCT.md: "pickup under 2 minutes"). */
export const LONG_WAIT_MS = 2 * 60_000;

export function isLongWait(card: Pick<RackCard, "status" | "arrivedAt">, now: number): boolean {
  return card.status === "arrived" && card.arrivedAt !== null && now - card.arrivedAt > LONG_WAIT_MS;
}

export function optionLabel(option: ChosenOption): string {
  return option.group === option.choice ? option.choice : `${option.group}: ${option.choice}`;
}

/**
 * The board's find box: a pickup code (case-insensitive, any part), the last four phone digits
 * as typed from the first one, or the name. Pure, so the tablet filters as staff type.
 */
export function matchesFind(card: Pick<RackCard, "code" | "phoneLast4" | "customerName">, query: string): boolean {
  const q = query.trim().toUpperCase().replace(/\s+/g, "");
  if (!q) return true;
  if (card.code.toUpperCase().includes(q)) return true;
  if (/^\d{1,4}$/.test(q) && card.phoneLast4.startsWith(q)) return true;
  return card.customerName.replace(/\s+/g, "").toUpperCase().includes(q);
}
