/**
 * Messages are formatted from a precompiled form: each ICU sentence is parsed once on the
 * server (`icu-minify/compile`) and every formatter — server components, the browser, the
 * server render of client components, `createTranslator` in lib/errors.ts — reads the compiled
 * form with next-intl's small format-only runtime (`use-intl/format-message` is aliased to it in
 * next.config.ts and vitest.config.ts). The browser then ships no ICU parser and, above all,
 * never sets up intl-messageformat's locale data while a customer page hydrates.
 *
 * A sentence without arguments compiles to itself, so arrays of plain words (`weekdays`, read
 * with `t.raw`) stay as they are.
 */
import compile from "icu-minify/compile";

export function compileMessages<T>(messages: T): T {
  // As JSON: the compiler's objects have no prototype, which React cannot hand to a client component.
  if (typeof messages === "string") return JSON.parse(JSON.stringify(compile(messages))) as T;
  if (Array.isArray(messages)) return messages.map(compileMessages) as T;
  if (messages && typeof messages === "object") {
    return Object.fromEntries(Object.entries(messages).map(([k, v]) => [k, compileMessages(v)])) as T;
  }
  return messages;
}
