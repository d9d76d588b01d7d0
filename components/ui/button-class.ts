/**
 * The shared button look as a plain function, importable from server components too
 * (a function exported from a "use client" file cannot be called on the server).
 */
export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";

const BASE =
  "inline-flex min-h-11 items-center justify-center gap-2 rounded-xl px-4 py-2 text-base font-semibold transition-colors disabled:cursor-not-allowed";

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-stone-400",
  secondary: "bg-white text-ink border border-stone-300 hover:bg-stone-100 disabled:text-stone-400",
  danger: "bg-red-700 text-white hover:bg-red-800 disabled:bg-stone-400",
  ghost: "text-brand-700 hover:bg-brand-50",
};

/** The groups the button's own classes belong to: a later class of the same group replaces it. */
const GROUPS: [RegExp, string | ((utility: string) => string)][] = [
  [/^(block|inline-block|inline|flex|inline-flex|grid|inline-grid|hidden|contents|table|flow-root|list-item)$/, "display"],
  [/^min-h-/, "min-h"],
  [/^items-/, "items"],
  [/^justify-(start|end|end-safe|center|center-safe|between|around|evenly|stretch|normal|baseline)$/, "justify"],
  [/^gap-(?!x-|y-)/, "gap"],
  [/^rounded(-(none|xs|sm|md|lg|xl|2xl|3xl|4xl|full))?$/, "rounded"],
  [/^p[xy]?-/, (u) => u.slice(0, u.indexOf("-"))],
  [/^text-(xs|sm|base|lg|xl|[2-9]xl)$/, "font-size"],
  [/^font-(thin|extralight|light|normal|medium|semibold|bold|extrabold|black)$/, "font-weight"],
  [/^transition(-(all|colors|opacity|shadow|transform|none))?$/, "transition"],
  [/^cursor-/, "cursor"],
  [/^text-(?!left|center|right|justify|start|end|wrap|nowrap|balance|pretty|ellipsis|clip|\[)/, "text-color"],
  [
    /^bg-(?!none|linear|radial|conic|cover|contain|auto|fixed|local|scroll|clip|origin|repeat|no-repeat|left|right|top|bottom|center|\[)/,
    "bg-color",
  ],
  [/^border(-[0-9]+)?$/, "border-width"],
  [/^border-(?!(x|y|t|b|l|r|s|e)(-|$)|solid|dashed|dotted|double|none|hidden|collapse|separate|spacing|\[)/, "border-color"],
];

/** What a utility sets, with its variant prefix (`hover:bg-color`); null outside GROUPS. */
function groupOf(cls: string): string | null {
  const at = cls.lastIndexOf(":") + 1;
  const utility = cls.slice(at);
  const rule = GROUPS.find(([re]) => re.test(utility));
  if (!rule) return null;
  return cls.slice(0, at) + (typeof rule[1] === "string" ? rule[1] : rule[1](utility));
}

/** Whether a later class with group `later` overrides an earlier one with group `earlier`. */
function overrides(later: string, earlier: string): boolean {
  if (later === earlier) return true;
  const at = later.lastIndexOf(":") + 1;
  return later.slice(at) === "p" && later.slice(0, at) === earlier.slice(0, at) && /^p[xy]$/.test(earlier.slice(at));
}

/**
 * Touch targets are at least 44 px tall. `extra` wins over the button's own classes where
 * both set the same thing (`"min-h-14 px-0 text-lg"`), as tailwind-merge would decide — by
 * hand, so the merge library is not shipped to the phone with every button.
 */
export function buttonClass(variant: ButtonVariant = "primary", extra = ""): string {
  // A page asks for the same few looks again and again while it hydrates: work each out once.
  const key = `${variant} ${extra}`;
  let merged = merges.get(key);
  if (merged === undefined) {
    merged = merge(variant, extra);
    if (merges.size < MAX_MERGES) merges.set(key, merged);
  }
  return merged;
}

/** The app passes a few dozen literal `extra`s; the bound only guards against computed ones. */
const MAX_MERGES = 500;
const merges = new Map<string, string>();

function merge(variant: ButtonVariant, extra: string): string {
  const added = extra.split(/\s+/).filter(Boolean);
  const addedGroups = added.map(groupOf).filter((g): g is string => g !== null);
  const own = `${BASE} ${VARIANTS[variant]}`.split(" ").filter((cls) => {
    const group = groupOf(cls);
    return !group || !addedGroups.some((g) => overrides(g, group));
  });
  return [...own, ...added].join(" ");
}
