/**
 * Message catalogues: one JSON file per namespace and locale under `messages/<locale>/`.
 * Korean is the default; English is selectable with the `locale` cookie.
 */
export const LOCALES = ["ko", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "ko";

/** `errors` and `actions` are worded on the server only (lib/errors.ts, action results): never shipped to a browser. */
export const NAMESPACES = ["common", "storefront", "admin", "auth", "rack", "consult", "metrics", "errors", "actions", "coupons"] as const;
/** What the admin's client components may read (its order page reuses the storefront's order editor). */
export const ADMIN_CLIENT_NAMESPACES = [
  "common",
  "storefront",
  "admin",
  "auth",
  "rack",
  "consult",
  "metrics",
  "coupons",
] as const satisfies readonly (typeof NAMESPACES)[number][];

export function resolveLocale(value: string | undefined | null): Locale {
  return (LOCALES as readonly string[]).includes(value ?? "") ? (value as Locale) : DEFAULT_LOCALE;
}

/**
 * The API's language from `Accept-Language`: the first supported language by preference
 * (`en`, `en-US;q=0.9` → English), Korean when none is named.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  const ranked = (header ?? "")
    .split(",")
    .map((part, i) => {
      const [tag, ...rest] = part.trim().toLowerCase().split(";");
      const q = Number(/q=([\d.]+)/.exec(rest.join(";"))?.[1] ?? 1);
      return { lang: tag.split("-")[0], q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((r) => r.q > 0 && (LOCALES as readonly string[]).includes(r.lang))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.length ? (ranked[0].lang as Locale) : DEFAULT_LOCALE;
}

/** The CLI's language: Korean unless `LANG` (or `LC_ALL`) names English (`en_US.UTF-8`). */
export function cliLocale(env: Record<string, string | undefined> = process.env): Locale {
  return /^en/i.test(env.LC_ALL || env.LANG || "") ? "en" : DEFAULT_LOCALE;
}

const loaded = new Map<Locale, Promise<Record<string, unknown>>>();

/** Every namespace of a language, precompiled (i18n/compile.ts) once per process. */
export function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  let messages = loaded.get(locale);
  if (!messages) {
    messages = Promise.all(NAMESPACES.map(async (ns) => [ns, (await import(`../messages/${locale}/${ns}.json`)).default] as const)).then(
      async (entries) => (await import("./compile")).compileMessages(Object.fromEntries(entries)),
    );
    loaded.set(locale, messages);
    messages.catch(() => loaded.delete(locale));
  }
  return messages;
}

type Namespace = (typeof NAMESPACES)[number];
/** A namespace, or a part of one down to a single message: `storefront`, `storefront.restock`, `common.retry`. */
export type MessagePath = Namespace | `${Namespace}.${string}`;

/**
 * What the customer pages' client components read (the order form, restock and phone sheets,
 * the order page's buttons, the consultation form, the error panel) — and nothing the server
 * words itself: every page carries these in its HTML. `tests/ui/client-messages.test.ts` checks
 * that every key those components use is here.
 */
export const STOREFRONT_CLIENT_MESSAGES = [
  ...["appName", "errorBody", "errorReference", "errorTitle", "goHome", "retry"].map((k) => `common.${k}` as const),
  "consult.form",
  "storefront.phoneConfirm",
  "storefront.restock",
  "storefront.edit",
  ...[
    "add",
    "addNamed",
    "cancel",
    "cancelConfirm",
    "cancelDeadline",
    "cancelNo",
    "cancelYes",
    "cart",
    "cartCount",
    "cartEmpty",
    "changeSlot",
    "checkIn",
    "checkInHint",
    "checkInOpensAt",
    "consentVersion",
    "consents",
    "copied",
    "copyFailed",
    "copyLink",
    "couponCode",
    "couponHint",
    "decrease",
    "homeScreenHint",
    "increase",
    "keepBodyMe",
    "keepTitle",
    "left",
    "marketingConsent",
    "maxReached",
    "name",
    "noSlotChosen",
    "note",
    "notePlaceholder",
    "noticeDayBefore",
    "noticeHours",
    "noticePassed",
    "noticePassedShort",
    "nowSoldOut",
    "onlyLeft",
    "optOutButton",
    "optOutDone",
    "optOutLead",
    "optionNone",
    "optionRequired",
    "payAtPickup",
    "paymentHeading",
    "phone",
    "phoneHint",
    "pickupAt",
    "pickupWhen",
    "placeOrder",
    "placeOrderEmpty",
    "placing",
    "prepayNow",
    "prepayRequired",
    "prepayRequiredBadge",
    "privacyConsent",
    "pushDenied",
    "pushEnable",
    "pushError",
    "pushOn",
    "pushUnsupported",
    "quantityOf",
    "slot",
    "slotClosed",
    "slotFull",
    "slotRemaining",
    "slotTooSoonFor",
    "soldOut",
    "total",
    "totalHint",
    "you",
  ].map((k) => `storefront.${k}` as const),
] satisfies MessagePath[];

/**
 * Only the messages a part of the app uses, so a phone page does not download the admin's
 * words: whole namespaces, or parts of them (`storefront.restock`, `common.retry`).
 */
export function pickMessages(messages: Record<string, unknown>, paths: readonly MessagePath[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const path of paths) {
    const keys = path.split(".");
    let from: unknown = messages;
    for (const key of keys) from = from && typeof from === "object" ? (from as Record<string, unknown>)[key] : undefined;
    if (from === undefined) continue;
    let to = picked;
    for (const key of keys.slice(0, -1)) to = (to[key] ??= {}) as Record<string, unknown>;
    to[keys[keys.length - 1]] = from;
  }
  return picked;
}
