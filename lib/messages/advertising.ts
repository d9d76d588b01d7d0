/**
 * Korean rules for advertising messages (정보통신망법 제50조), applied inside the outbox so
 * every caller gets them: promotional messages need recorded marketing consent (the latest
 * row of the consent log decides), consent older than two years must be re-confirmed
 * (제50조의8: 수신동의 여부 2년마다 확인), nothing is sent 21:00–08:00 shop time without a
 * separate night consent (held until 08:00 instead), and the text starts with "(광고)" and
 * the shop's name and carries the shop's contact and a free opt-out.
 */
import crypto from "node:crypto";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { consentTexts, consents, customers, outbox, shopSettings } from "@/db/schema";
import { authSecret } from "@/lib/config/paths";
import { publicUrl } from "@/lib/config/public-url";
import { recordConsent } from "@/lib/customers/consent";
import { addDays, localDate, localTime, zonedTime } from "@/lib/shop/time";
import { catalogue, fill, type MessageLocale } from "./texts";

export const NIGHT_START = "21:00";
export const NIGHT_END = "08:00";
export const CONSENT_VALID_YEARS = 2;

type ConsentKind = "marketing" | "marketing_night";

/** The customer's latest decision of a kind, from the consent log (the source of truth). */
export function latestConsent({ db, customerId, kind }: { db: DbOrTx; customerId: number; kind: ConsentKind }) {
  return db
    .select({ granted: consents.granted, at: consents.createdAt })
    .from(consents)
    .innerJoin(consentTexts, eq(consentTexts.id, consents.consentTextId))
    .where(and(eq(consents.customerId, customerId), eq(consentTexts.kind, kind)))
    .orderBy(desc(consents.createdAt), desc(consents.id))
    .limit(1)
    .get();
}

/** The instant two years after a consent, on the calendar (a consent of 29 Feb lasts to 1 Mar). */
export function consentExpiresAt(grantedAt: number): number {
  const d = new Date(grantedAt);
  d.setUTCFullYear(d.getUTCFullYear() + CONSENT_VALID_YEARS);
  return d.getTime();
}

export function isNight(now: number, timeZone: string): boolean {
  const t = localTime(now, timeZone);
  return t >= NIGHT_START || t < NIGHT_END;
}

/** The next 08:00 shop time at or after `now`. */
export function nextMorning(now: number, timeZone: string): number {
  const today = localDate(now, timeZone);
  const morning = zonedTime(today, NIGHT_END, timeZone);
  return morning > now ? morning : zonedTime(addDays(today, 1), NIGHT_END, timeZone);
}

export type MarketingDecision =
  | { action: "send" }
  | { action: "hold"; until: number }
  | { action: "refuse"; reason: "no_consent" }
  | { action: "flag"; reason: "consent_expired" };

/** May a marketing message go to this customer now? */
export function marketingDecision({
  db,
  customerId,
  now,
  timeZone,
}: {
  db: DbOrTx;
  customerId: number | null | undefined;
  now: number;
  timeZone: string;
}): MarketingDecision {
  if (!customerId) return { action: "refuse", reason: "no_consent" };
  const consent = latestConsent({ db, customerId, kind: "marketing" });
  if (!consent?.granted) return { action: "refuse", reason: "no_consent" };
  if (now >= consentExpiresAt(consent.at)) return { action: "flag", reason: "consent_expired" };
  if (isNight(now, timeZone) && !latestConsent({ db, customerId, kind: "marketing_night" })?.granted) {
    return { action: "hold", until: nextMorning(now, timeZone) };
  }
  return { action: "send" };
}

export const CONSENT_EXPIRED_NOTE = "마케팅 수신 동의가 2년이 지나 다시 확인해야 해요. 보내지 않았어요."; // hangul-ok: stored outbox note (message log)
export const NO_CONSENT_NOTE = "마케팅 수신 동의가 없어 보내지 않았어요."; // hangul-ok: stored outbox note (message log)

// ---------------------------------------------------------------- opt-out

function optOutSignature(customerId: number): string {
  return crypto.createHmac("sha256", authSecret()).update(`opt-out:${customerId}`).digest("base64url").slice(0, 22);
}

/**
 * The token of the free opt-out link: the customer id and a signature. It can only withdraw
 * marketing consent, so the message carries no key to the customer's data.
 */
export function optOutToken(customerId: number): string {
  return `${customerId}.${optOutSignature(customerId)}`;
}

export function verifyOptOutToken(token: string): number | null {
  const match = /^(\d{1,12})\.([\w-]{22})$/.exec(token);
  if (!match) return null;
  const id = Number(match[1]);
  const expected = Buffer.from(optOutSignature(id));
  const given = Buffer.from(match[2]);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? id : null;
}

export function optOutUrl(customerId: number): string {
  return publicUrl(`/u/${optOutToken(customerId)}`);
}

/**
 * Withdraw marketing consent from the opt-out link: a new row in the consent log (the one
 * source of truth), and marketing messages still waiting for them cancelled.
 */
export function withdrawMarketingByLink({ db, token, now = Date.now() }: { db: Db; token: string; now?: number }): boolean {
  const customerId = verifyOptOutToken(token);
  if (!customerId) return false;
  return db.transaction(
    (tx) => {
      const customer = tx
        .select({ id: customers.id, deletedAt: customers.deletedAt })
        .from(customers)
        .where(eq(customers.id, customerId))
        .get();
      if (!customer || customer.deletedAt) return false;
      recordConsent({ db: tx, customerId, kind: "marketing", granted: false, source: "opt_out_link", at: now });
      cancelQueuedMarketing({ tx, customerId, note: "수신거부로 보내지 않았어요." }); // hangul-ok: stored outbox note (message log)
      return true;
    },
    { behavior: "immediate" },
  );
}

/** What the opt-out page shows: the shop and whether the link's customer still receives ads; null for a bad link. */
export function optOutState({ db, token }: { db: DbOrTx; token: string }): { shopName: string; subscribed: boolean } | null {
  const customerId = verifyOptOutToken(token);
  if (!customerId) return null;
  const customer = db.select({ deletedAt: customers.deletedAt }).from(customers).where(eq(customers.id, customerId)).get();
  if (!customer || customer.deletedAt) return null;
  const shopName = db.select({ name: shopSettings.name }).from(shopSettings).get()?.name ?? "";
  return { shopName, subscribed: !!latestConsent({ db, customerId, kind: "marketing" })?.granted };
}

export function cancelQueuedMarketing({ tx, customerId, note }: { tx: DbOrTx; customerId: number; note: string }): void {
  tx.update(outbox)
    .set({ status: "cancelled", lastError: note })
    .where(and(eq(outbox.customerId, customerId), eq(outbox.purpose, "marketing"), inArray(outbox.status, ["queued"])))
    .run();
}

// ---------------------------------------------------------------- framing

/** "(광고) 가게 이름" first, then the text, the shop's contact and the free opt-out link. */
export function frameAdvertisement({
  text,
  shopName,
  shopContact,
  optOutLink,
  locale,
}: {
  text: string;
  shopName: string;
  /** The shop's phone, else its address or web address: the law requires a way to reach it. */
  shopContact: string;
  optOutLink: string;
  locale: MessageLocale;
}): string {
  const words = catalogue(locale).ad;
  const lines = [`${words.prefix} ${shopName}`, text];
  lines.push(fill(words.contact, { phone: shopContact }));
  lines.push(fill(words.optOut, { url: optOutLink }));
  return lines.join("\n");
}
