/**
 * Message catalogues: one JSON file per namespace and locale under `messages/<locale>/`.
 * Korean is the default; English is selectable with the `locale` cookie.
 */
export const LOCALES = ["ko", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "ko";

export const NAMESPACES = ["common", "storefront", "admin", "auth", "rack", "consult", "metrics"] as const;

export function resolveLocale(value: string | undefined | null): Locale {
  return (LOCALES as readonly string[]).includes(value ?? "") ? (value as Locale) : DEFAULT_LOCALE;
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
