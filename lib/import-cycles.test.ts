/**
 * The domains in lib/ form layers. No module may reach itself again through its imports, and
 * no domain (a folder of lib/, or a file directly in lib/) may reach itself through another:
 * the customer card and privacy sit above the domains in lib/customer-record/, setting up a
 * shop in lib/setup/, shared helpers in leaf modules. Type-only imports are left out: they vanish at compile time.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [full] : [];
  });
}

/** The lib/ modules a file loads at run time (value imports and re-exports). */
export function runtimeImports(file: string, source: string): string[] {
  const out: string[] = [];
  const pattern = /^\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s+["']([^"']+)["']/gm;
  for (const m of source.matchAll(pattern)) {
    if (m[2]) continue; // `import type … from`
    const names = m[3].replace(/^\{|\}$/g, "").trim();
    // `import { type A, type B } from` loads nothing either.
    if (names.startsWith("{") || /^\{?\s*(type\s+\w+\s*,?\s*)+\}?$/.test(names)) {
      const inner = names
        .replace(/[{}]/g, "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      if (inner.length > 0 && inner.every((s) => s.startsWith("type "))) continue;
    }
    const spec = m[4];
    const target = spec.startsWith("@/")
      ? path.join(ROOT, spec.slice(2))
      : spec.startsWith(".")
        ? path.resolve(path.dirname(file), spec)
        : null;
    if (!target) continue;
    for (const candidate of [`${target}.ts`, `${target}.tsx`, path.join(target, "index.ts")]) {
      if (fs.existsSync(candidate)) {
        out.push(candidate);
        break;
      }
    }
  }
  return out.filter((f) => f.startsWith(path.join(ROOT, "lib") + path.sep));
}

/** Strongly connected groups of more than one module (or a module importing itself). */
export function importCycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const groups: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1 || (graph.get(v) ?? []).includes(v)) groups.push(group.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return groups;
}

/** lib/<domain>/x.ts → "<domain>"; lib/x.ts → "x". */
function domainOf(file: string): string {
  const parts = path.relative(path.join(ROOT, "lib"), file).split(path.sep);
  return parts.length > 1 ? parts[0] : parts[0].replace(/\.tsx?$/, "");
}

/**
 * Domains still tangled, to be taken apart (each reaches the others, directly or through the
 * group): inventory ↔ restock (plan → restock alerts → availability), orders ↔ messages
 * (the order command queues messages; push subscriptions read the customer's order),
 * storefront ↔ orders/restock. Payments (rules, placement terms, refunds, the provider)
 * import no order command; confirming, sweeping and expiring prepayments, which drive order
 * status changes, sit above orders in lib/prepayment/, and the background loop in lib/ops/. The test fails when a domain joins or leaves the
 * group, so the list can only shrink on purpose.
 */
const KNOWN_TANGLE = ["inventory", "messages", "orders", "restock", "storefront"];

describe("lib/ has no import cycles", () => {
  it("finds a cycle when there is one (the detector itself)", () => {
    const g = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["a"]],
    ]);
    expect(importCycles(g)).toEqual([["a", "b", "c"]]);
    expect(
      runtimeImports(
        path.join(ROOT, "lib/x.ts"),
        'import type { A } from "@/lib/errors";\nimport { type B } from "@/lib/format";\nimport { C } from "@/lib/errors";',
      ),
    ).toEqual([path.join(ROOT, "lib/errors.ts")]);
  });

  it("no module in lib/ reaches itself through its imports", () => {
    const graph = new Map<string, string[]>();
    for (const file of sourceFiles(path.join(ROOT, "lib"))) graph.set(file, runtimeImports(file, fs.readFileSync(file, "utf8")));
    const cycles = importCycles(graph).map((group) => group.map((f) => path.relative(ROOT, f)));
    expect(cycles).toEqual([]);
  });

  it("no domain reaches itself through another, beyond the known tangle", () => {
    const domains = new Map<string, string[]>();
    for (const file of sourceFiles(path.join(ROOT, "lib"))) {
      const from = domainOf(file);
      const targets = runtimeImports(file, fs.readFileSync(file, "utf8"))
        .map(domainOf)
        .filter((d) => d !== from);
      domains.set(from, [...new Set([...(domains.get(from) ?? []), ...targets])]);
    }
    expect(importCycles(domains)).toEqual([KNOWN_TANGLE]);
    // The pairs this layering took apart stay apart.
    for (const group of importCycles(domains))
      for (const d of [
        "consultations",
        "inquiries",
        "reviews",
        "customer-record",
        "shop",
        "pickup",
        "customers",
        "products",
        "format",
        "api",
        "auth",
        "payments",
        "prepayment",
      ])
        expect(group).not.toContain(d);
  });
});
