/**
 * Resolve hook for scripts/node/server-only.mjs: `server-only` → its empty module, and
 * next-intl's message formatter → its format-only runtime, which reads the precompiled
 * messages (i18n/compile.ts) as next.config.ts and vitest.config.ts have it.
 */
const EMPTY = new URL("../../node_modules/server-only/empty.js", import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: EMPTY, format: "commonjs", shortCircuit: true };
  if (specifier === "use-intl/format-message") return nextResolve("use-intl/format-message/format-only", context);
  return nextResolve(specifier, context);
}
