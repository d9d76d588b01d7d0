/**
 * Lighthouse 12 (pinned devDependency `lighthouse@12.2.3`; 13 needs a newer Node) on the three
 * public pages — the storefront `/`, an order page `/o/<token>` and a consultation form
 * `/c/<slug>` — with the mobile preset (Lighthouse's default: Moto G power, simulated slow 4G
 * and 4× CPU slowdown), headless Chromium at CHROME_PATH or /usr/bin/chromium. Each page is
 * run BENCH_LIGHTHOUSE_RUNS times (default 3); the median performance score is reported with
 * that run's FCP, LCP, TBT and CLS. Goal ≥ 95 each on a quiet machine (the score depends on load).
 *
 * The simulated LCP is built from the unthrottled load Lighthouse observed: every request that
 * ended, and every task that started, before the observed LCP counts. On these pages the largest
 * element is text painted at the first paint (observed LCP = observed FCP), so the gap between
 * the simulated FCP and LCP is the JavaScript that had already arrived and run by that first
 * paint (the FCP leaves out scripts that do not block rendering; the LCP does not). The rows
 * "observed FCP ms" and "observed LCP ms" show those two instants, and "scripts before LCP KiB"
 * how much of the page's JavaScript (as transferred) had arrived by then.
 * With BENCH_LIGHTHOUSE_REPORTS=<dir>, every run's full report (JSON) is written there too, to
 * read the audits behind a score (bootup-time, unused-javascript, largest-contentful-paint-element …).
 *
 * Scores from different machines or browsers are not comparable: the simulated 4× slowdown is
 * applied to this machine's own speed, and each Chromium loads and paints a little differently.
 * So the rows also give the browser's version and Lighthouse's `benchmarkIndex` (its measure of
 * this machine's CPU; higher is faster) of every run.
 *
 * The pages are Korean. Without a Korean font (Debian: `apt-get install fonts-noto-cjk`) Chromium
 * draws boxes and skips the font work a phone does on every load, and the scores come out higher
 * than they should: the rows say which Korean fonts fontconfig offers, and warn when there is none.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { and, asc, eq, inArray } from "drizzle-orm";
import { openDatabase } from "@/db/client";
import { consultationTemplates, orders } from "@/db/schema";
import { assertLoopback, round } from "./load";
import type { BenchModule, BenchRow } from "./types";

const RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS) || 3;
const REPORTS = process.env.BENCH_LIGHTHOUSE_REPORTS;
const CHROME_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

type Run = {
  score: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  observedFcp: number;
  observedLcp: number;
  scriptsBeforeLcp: number;
  benchmarkIndex: number;
};

type NetworkItem = { networkEndTime?: number; resourceType?: string; transferSize?: number };

/** The rows of an audit's table (`details.items`), or none. */
function detailItems<T>(details: unknown): T[] {
  return ((details as { items?: T[] } | undefined)?.items ?? []) as T[];
}

/** The browser's exact version, from its DevTools endpoint (the user agent only gives the major). */
async function browserRow(port: number): Promise<BenchRow> {
  const version = ((await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as { Browser?: string }).Browser ?? "";
  return {
    name: "lighthouse browser",
    metric: "Chromium major version",
    value: Number(version.match(/\/(\d+)\./)?.[1] ?? NaN),
    note: version,
  };
}

/** The Korean font families fontconfig offers Chromium (none when fc-list is missing). */
function koreanFonts(): string[] {
  try {
    const out = execFileSync("fc-list", [":lang=ko", "family"], { encoding: "utf8" });
    return [...new Set(out.split("\n").map((line) => line.split(",")[0].trim()))].filter(Boolean).sort();
  } catch {
    return [];
  }
}

function fontRow(): BenchRow {
  const fonts = koreanFonts();
  const note = fonts.length
    ? fonts.join(", ")
    : "none: Korean text is drawn as boxes and the scores are too high (Debian: apt-get install fonts-noto-cjk)";
  if (!fonts.length) {
    console.warn(
      "Lighthouse: 한글 글꼴이 없어요. 한글이 네모로 그려져 점수가 실제보다 높게 나와요 (Debian: apt-get install fonts-noto-cjk).",
    );
  }
  return { name: "lighthouse fonts", metric: "Korean font families", value: fonts.length, note };
}

const lighthouseBench: BenchModule = async ({ baseUrl, dbPath }) => {
  assertLoopback(baseUrl);
  const db = openDatabase(dbPath);
  let token: string;
  let slug: string;
  try {
    token =
      db
        .select({ token: orders.token })
        .from(orders)
        .where(inArray(orders.status, ["placed", "ready"]))
        .orderBy(asc(orders.id))
        .limit(1)
        .get()?.token ?? "";
    slug =
      db
        .select({ slug: consultationTemplates.slug })
        .from(consultationTemplates)
        .where(and(eq(consultationTemplates.active, true)))
        .limit(1)
        .get()?.slug ?? "";
  } finally {
    db.$client.close();
  }
  if (!token || !slug) throw new Error("주문 링크나 상담지 주소가 없어요 (데모 데이터를 확인하세요).");

  const { default: lighthouse } = await import("lighthouse");
  const chromeLauncher = await import("chrome-launcher");
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    chromeFlags: CHROME_FLAGS,
    logLevel: "silent",
  });
  const rows: BenchRow[] = [];
  try {
    rows.push(await browserRow(chrome.port), fontRow());
    if (REPORTS) fs.mkdirSync(REPORTS, { recursive: true });
    for (const page of ["/", `/o/${token}`, `/c/${slug}`]) {
      const runs: Run[] = [];
      const file = page === "/" ? "storefront" : page.slice(1, 2);
      for (let i = 0; i < RUNS; i++) {
        const result = await lighthouse(baseUrl + page, {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: ["performance"],
        });
        const lhr = result?.lhr;
        if (!lhr) throw new Error(`Lighthouse가 ${page} 결과를 주지 않았어요.`);
        if (REPORTS) fs.writeFileSync(path.join(REPORTS, `${file}-${i + 1}.json`), JSON.stringify(lhr));
        const audit = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
        const observed = detailItems<Record<string, number>>(lhr.audits.metrics?.details)[0] ?? {};
        const requests = detailItems<NetworkItem>(lhr.audits["network-requests"]?.details);
        const observedLcp = observed.observedLargestContentfulPaint ?? NaN;
        runs.push({
          score: Math.round((lhr.categories.performance.score ?? 0) * 100),
          fcp: audit("first-contentful-paint"),
          lcp: audit("largest-contentful-paint"),
          tbt: audit("total-blocking-time"),
          cls: audit("cumulative-layout-shift"),
          observedFcp: observed.observedFirstContentfulPaint ?? NaN,
          observedLcp,
          benchmarkIndex: lhr.environment.benchmarkIndex,
          scriptsBeforeLcp:
            requests
              .filter((r) => r.resourceType === "Script" && (r.networkEndTime ?? Infinity) <= observedLcp)
              .reduce((sum, r) => sum + (r.transferSize ?? 0), 0) / 1024,
        });
      }
      const median = [...runs].sort((a, b) => a.score - b.score)[Math.floor(runs.length / 2)];
      const name = `lighthouse mobile ${page.replace(token, "<token>").replace(slug, "<slug>")}`;
      rows.push(
        {
          name,
          metric: `performance (median of ${RUNS})`,
          value: median.score,
          note: `scores ${runs.map((r) => r.score).join(", ")}; benchmarkIndex ${runs.map((r) => round(r.benchmarkIndex)).join(", ")}; goal ≥ 95`,
        },
        { name, metric: "FCP ms", value: round(median.fcp) },
        { name, metric: "LCP ms", value: round(median.lcp) },
        { name, metric: "TBT ms", value: round(median.tbt) },
        { name, metric: "CLS", value: round(median.cls, 3) },
        { name, metric: "observed FCP ms", value: round(median.observedFcp) },
        { name, metric: "observed LCP ms", value: round(median.observedLcp) },
        { name, metric: "scripts before LCP KiB", value: round(median.scriptsBeforeLcp, 1) },
      );
    }
  } finally {
    chrome.kill();
  }
  return rows;
};

export default lighthouseBench;
