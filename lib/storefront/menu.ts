/**
 * Everything the storefront's first page shows, in one read: which pickup dates can be
 * ordered, the chosen date's slots and products, and — when nothing can be ordered — when
 * ordering opens next. Built on lib/pickup/listing (shared with the API).
 */
import type { Db, DbOrTx } from "@/db/client";
import { currentConsentText } from "@/lib/customers/consent";
import { listPickupDates, listProductsForDate, type PickupDateListing } from "@/lib/storefront/listing";
import { dateState, nextOpening, type DateState } from "@/lib/pickup/schedule";
import { meetsNotice, minNoticeOf, type MinNotice } from "@/lib/products/min-notice";
import { loadSchedule } from "@/lib/shop/settings";
import { isDateString } from "@/lib/shop/time";
import { parseCartParam } from "./cart-param";
import type { PaymentPolicy } from "@/db/schema";
import { prepaymentOffered } from "@/lib/payments/adapters/toss";
import { cachedRead } from "./cache";
import { shopContactOf, type ShopContact } from "./shop-contact";

/** Only what the customer's browser needs: no planned/reserved internals. */
export type MenuProduct = {
  id: number;
  name: string;
  description: string;
  category: string;
  price: number;
  maxPerOrder: number;
  available: number;
  photoKey: string | null;
  /** The product's own minimum notice, when it has one. */
  minNotice: MinNotice | null;
  /** Slots of the shown date this product can still be ordered for (its notice allows them). */
  noticeSlots: string[];
  optionGroups: { id: number; name: string; required: boolean; choices: { id: number; name: string; priceDelta: number }[] }[];
  /** How this product is paid (its own policy, or the shop's); always `at_pickup` while prepayment is not offered. */
  paymentPolicy: PaymentPolicy;
};

export type MenuCartLine = { productId: number; quantity: number; optionIds: number[] };

export type StorefrontMenu = {
  shopName: string;
  shopPhone: string | null;
  shop: ShopContact;
  timezone: string;
  dates: PickupDateListing[];
  /** The date shown: the requested one if listed, else the first open one, else the first listed. */
  selected: PickupDateListing | null;
  /** Set when a date was asked for that cannot be ordered and is not listed (cut-off passed, closed). */
  requested: { date: string; state: DateState } | null;
  products: MenuProduct[];
  /** Active products not planned on the selected date ("입고 알림 받기" may wait for them). */
  notOffered: { id: number; name: string; price: number }[];
  next: { date: string; opensAt: number } | null;
  consent: { privacy: { version: number; body: string }; marketing: { version: number; body: string } };
  initialCart: MenuCartLine[];
  /** Prepayment: offered (the provider is configured) and how long an unpaid order is held. */
  prepayment: { offered: boolean; holdMinutes: number };
};

export function storefrontMenu({
  db,
  date,
  cart,
  now = Date.now(),
}: {
  db: DbOrTx;
  date?: string | null;
  cart?: string | string[] | null;
  now?: number;
}): StorefrontMenu {
  const schedule = loadSchedule({ db });
  const dates = listPickupDates({ db, now });
  const wanted = isDateString(date) ? date : null;
  const listed = wanted ? dates.find((d) => d.date === wanted) : undefined;
  const selected = listed ?? (wanted ? null : (dates.find((d) => d.open) ?? dates[0] ?? null));
  const requested =
    wanted && !listed ? { date: wanted, state: dateState(wanted, now, schedule.settings, schedule.slots, schedule.closedDates) } : null;

  // A product planned at 0 (or not planned) is not offered that day.
  const forDate = selected ? listProductsForDate({ db, date: selected.date }) : [];
  const offered = prepaymentOffered();
  const products: MenuProduct[] = selected
    ? forDate
        .filter((p) => p.planned > 0)
        .map((p) => ({
          id: p.id,
          photoKey: p.photoKey,
          minNotice: minNoticeOf(p),
          noticeSlots: selected.slots
            .filter((s) => meetsNotice(minNoticeOf(p), selected.date, s.start, schedule.settings.timezone, now))
            .map((s) => s.slot),
          name: p.name,
          description: p.description,
          category: p.category,
          price: p.price,
          maxPerOrder: p.maxPerOrder,
          available: p.available,
          optionGroups: p.optionGroups,
          paymentPolicy: offered ? (p.paymentPolicy ?? schedule.settings.paymentPolicy) : "at_pickup",
        }))
    : [];

  const privacy = currentConsentText({ db, kind: "privacy" });
  const marketing = currentConsentText({ db, kind: "marketing" });
  return {
    shopName: schedule.settings.name,
    shopPhone: schedule.settings.phone,
    shop: shopContactOf(schedule.settings),
    timezone: schedule.settings.timezone,
    dates,
    selected,
    requested,
    products,
    notOffered: forDate.filter((p) => p.planned <= 0).map((p) => ({ id: p.id, name: p.name, price: p.price })),
    next: nextOpening(now, schedule.settings, schedule.slots, schedule.closedDates),
    consent: { privacy: { version: privacy.version, body: privacy.body }, marketing: { version: marketing.version, body: marketing.body } },
    initialCart: initialCartFor({ selected, products, cart }),
    prepayment: { offered, holdMinutes: schedule.settings.paymentHoldMinutes },
  };
}

/** The `?cart=` link's lines that can be ordered on the shown date, within what is left. */
function initialCartFor({
  selected,
  products,
  cart,
}: Pick<StorefrontMenu, "selected" | "products"> & { cart?: string | string[] | null }): MenuCartLine[] {
  const initialCart: MenuCartLine[] = [];
  if (selected?.open) {
    for (const line of parseCartParam(cart)) {
      const product = products.find((p) => p.id === line.productId);
      if (!product || product.available <= 0 || product.noticeSlots.length === 0) continue;
      // Required option groups start on their first choice, as the product card does.
      const optionIds = product.optionGroups.filter((g) => g.required && g.choices.length).map((g) => g.choices[0].id);
      initialCart.push({ productId: product.id, quantity: Math.min(line.quantity, product.available, product.maxPerOrder), optionIds });
    }
  }
  return initialCart;
}

/**
 * How long the storefront may show a menu (dates, slots left, "N개 남음") before reading it
 * again: the drop evening's hundreds of page loads per second cost one read per second.
 * The order transaction re-checks everything, so an order never relies on it.
 */
export const MENU_TTL_MS = 1000;

/** `storefrontMenu` read at most once per `MENU_TTL_MS` per date (lib/storefront/cache.ts); the cart is applied per request. */
export function cachedStorefrontMenu({
  db,
  date,
  cart,
  now = Date.now(),
  refresh = false,
}: {
  db: Db;
  date?: string | null;
  cart?: string | string[] | null;
  now?: number;
  /** Read the database now (and keep it for the next requests): the render behind the shared HTML page. */
  refresh?: boolean;
}): StorefrontMenu {
  const wanted = isDateString(date) ? date : "";
  const menu = cachedRead({ db, key: `menu:${wanted}`, ttlMs: MENU_TTL_MS, now, refresh }, () =>
    storefrontMenu({ db, date: wanted || null, now }),
  );
  return { ...menu, initialCart: initialCartFor({ selected: menu.selected, products: menu.products, cart }) };
}
