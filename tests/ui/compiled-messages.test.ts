/**
 * Every page formats precompiled messages with next-intl's format-only runtime
 * (i18n/compile.ts): each sentence of every catalogue, in both languages, must read exactly as
 * the ICU formatter makes it from the source text — for each branch of its plurals and selects.
 */
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { IntlMessageFormat } from "intl-messageformat";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { LOCALES, loadMessages, NAMESPACES } from "@/i18n/messages";

type Args = Map<string, Set<string | number>>;

/** The values worth trying for each argument: every select key, a plural's `=n` and 0/1/2/5. */
function collect(elements: MessageFormatElement[], args: Args): Args {
  for (const el of elements) {
    if (!("value" in el) || typeof el.value !== "string" || el.type === TYPE.literal) continue;
    const seen = args.get(el.value) ?? new Set<string | number>();
    args.set(el.value, seen);
    if (el.type === TYPE.argument) seen.add("가나 AB");
    if (el.type === TYPE.number) [0, 1, 12500].forEach((v) => seen.add(v));
    if (el.type === TYPE.select || el.type === TYPE.plural) {
      for (const [key, option] of Object.entries(el.options)) {
        if (el.type === TYPE.select) seen.add(key);
        else if (key.startsWith("=")) seen.add(Number(key.slice(1)));
        collect(option.value, args);
      }
      if (el.type === TYPE.plural) [0, 1, 2, 5].forEach((v) => seen.add(v));
    }
  }
  return args;
}

function sources(tree: Record<string, unknown>, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string"
      ? [[prefix + k, v] as [string, string]]
      : Array.isArray(v)
        ? []
        : sources(v as Record<string, unknown>, `${prefix}${k}.`),
  );
}

/** Whether every object in the tree is a plain one, as React requires of a client component's props. */
function plainOnly(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(plainOnly);
  if (value && typeof value === "object") return Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(plainOnly);
  return true;
}

describe("precompiled messages", () => {
  it("are plain data a server component can hand to a client component", async () => {
    for (const locale of LOCALES) expect(plainOnly(await loadMessages(locale))).toBe(true);
  });

  for (const locale of LOCALES) {
    it(`format like their ICU source (${locale})`, async () => {
      const compiled = await loadMessages(locale);
      const t = createTranslator({ locale, messages: compiled, timeZone: "Asia/Seoul" }) as unknown as (
        key: string,
        values?: Record<string, string | number>,
      ) => string;
      let checked = 0;
      for (const ns of NAMESPACES) {
        const raw = (await import(`../../messages/${locale}/${ns}.json`)).default as Record<string, unknown>;
        for (const [key, source] of sources(raw)) {
          const args = [...collect(parse(source), new Map())];
          // One value set per distinct value of the argument with the most (the others cycle).
          const rounds = Math.max(1, ...args.map(([, v]) => v.size));
          for (let i = 0; i < rounds; i++) {
            const values = Object.fromEntries(args.map(([name, v]) => [name, [...v][i % v.size]]));
            const expected = new IntlMessageFormat(source, locale).format(values);
            expect(t(`${ns}.${key}`, values), `${locale} ${ns}.${key} ${JSON.stringify(values)}`).toBe(expected);
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(500);
    });
  }
});
