/**
 * The customer pages hand their client components only STOREFRONT_CLIENT_MESSAGES: every key
 * a client component reachable from `app/(storefront)` reads must be in it, in both languages.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pickMessages, STOREFRONT_CLIENT_MESSAGES } from "@/i18n/messages";

const ROOT = path.join(import.meta.dirname, "../..");

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith("@/")
    ? path.join(ROOT, spec.slice(2))
    : spec.startsWith(".")
      ? path.resolve(path.dirname(from), spec)
      : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.tsx`, `${base}.ts`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function tsxFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? tsxFiles(full) : d.name.endsWith(".tsx") ? [full] : [];
  });
}

/** Every client component file the customer pages reach through their imports. */
function storefrontClientFiles(): string[] {
  const seen = new Set<string>();
  const queue = tsxFiles(path.join(ROOT, "app/(storefront)"));
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/from "([^"]+)"/g)) {
      const next = resolveImport(file, m[1]);
      if (next && /\.tsx?$/.test(next)) queue.push(next);
    }
  }
  return [...seen].filter((f) => /^["']use client["']/.test(fs.readFileSync(f, "utf8")));
}

/** `namespace.key` of every `t("key")` whose `t` comes from `useTranslations("namespace")`. */
function usedKeys(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const keys: string[] = [];
  for (const [, name, namespace] of text.matchAll(/const (\w+) = useTranslations\("([^"]+)"\)/g)) {
    for (const [, key] of text.matchAll(new RegExp(`\\b${name}(?:\\.rich|\\.markup|\\.has)?\\(\\s*"([^"]+)"`, "g")))
      keys.push(`${namespace}.${key}`);
    expect(text, `${path.relative(ROOT, file)}: ${name}(\`…\`) cannot be checked`).not.toMatch(new RegExp(`\\b${name}\\(\``));
  }
  return keys;
}

function lookup(messages: Record<string, unknown>, key: string): unknown {
  return key.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), messages);
}

describe("storefront client messages", () => {
  const files = storefrontClientFiles();
  const keys = [...new Set(files.flatMap(usedKeys))];

  it("finds the client components of the customer pages", () => {
    const names = files.map((f) => path.relative(ROOT, f));
    expect(names).toContain("components/storefront/order-form.tsx");
    expect(names).toContain("components/consult/consult-form.tsx");
    expect(keys).toContain("storefront.restock.subscribe");
  });

  it.each(["ko", "en"])("hands them every key they read (%s)", async (locale) => {
    const messages: Record<string, unknown> = {};
    for (const ns of ["common", "storefront", "consult"]) messages[ns] = (await import(`@/messages/${locale}/${ns}.json`)).default;
    const picked = pickMessages(messages, STOREFRONT_CLIENT_MESSAGES);
    const missing = keys.filter((k) => typeof lookup(picked, k) !== "string");
    expect(missing).toEqual([]);
  });

  it("leaves out what only the server words", async () => {
    const messages = { storefront: (await import("@/messages/ko/storefront.json")).default };
    const picked = pickMessages(messages, STOREFRONT_CLIENT_MESSAGES);
    expect(lookup(picked, "storefront.restock.subscribe")).toBeTypeOf("string");
    expect(lookup(picked, "storefront.metaTitle")).toBeUndefined();
    expect(lookup(picked, "storefront.receipt")).toBeUndefined();
  });
});
