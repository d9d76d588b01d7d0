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

export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    NAMESPACES.map(async (ns) => [ns, (await import(`../messages/${locale}/${ns}.json`)).default] as const),
  );
  return Object.fromEntries(entries);
}

type Namespace = (typeof NAMESPACES)[number];

/** Only the namespaces a part of the app uses, so a phone page does not download the admin's words. */
export function pickMessages(messages: Record<string, unknown>, namespaces: readonly Namespace[]): Record<string, unknown> {
  return Object.fromEntries(namespaces.filter((ns) => ns in messages).map((ns) => [ns, messages[ns]]));
}
