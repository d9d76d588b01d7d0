/**
 * The owner imports a known August history through the upload page, opens the dashboard
 * for August and sees the values computed by hand below (not taken from the app).
 *
 * History (times +09:00, Seoul):
 *   K1 web   pickup 08-03, arrived 10:00:00 → handed 10:01:00 (60 s), 10,000원, 100 P
 *   K1 store 08-20 14:00, 5,000원, 50 P
 *   K2 phone pickup 08-05, 11:00:00 → 11:03:00 (180 s), 8,000원, 80 P
 *   K3 store 08-10 12:00, 6,000원, 60 P
 *   K3 web   pickup 09-25 (after the range), 4,000원, 40 P
 *   K4 web   no-show 08-12 (7,000원); cancelled 08-13 (3,000원)
 *   anonymous store 08-15 15:00, 20,000원
 *   K5 web   pickup 08-25, 16:00:00 → 16:01:30 (90 s), 12,000원, 999 P (policy says 120)
 *   + one bad row (channel "kiosk"), reported and skipped.
 *
 * August, judged today (any day after 2026-10-30, so every 60-day window has passed):
 *   anchors K1 08-03, K2 08-05, K3 08-10, K5 08-25 → 4 eligible for 30 and 60 days
 *   revisit 30: K1 (17 days) → 1/4 = 25%;  revisit 60: K1, K3 (46 days) → 2/4 = 50%
 *   lead time: 60, 90, 180 → median 90초, p90 (rank 3) 180초; ≤ 120 s: 2 of 3; target met
 *   pre-orders with an August pickup date and a final status: K1, K2, K5 picked up, K4 no-show,
 *   K4 cancelled → conversion 3/5 = 60% (not met), no-show 1/5 = 20% (not met)
 *   points: K1 web ✓, K1 store ✓, K2 ✓, K3 store ✓, K5 ✗ → 4/5 = 80%
 *   omni share: K1 (web + store) of K1, K2, K3, K5 → 1/4 = 25%
 *   synergy: omni 15,000 vs single (8,000 + 6,000 + 12,000) / 3 = 8,666.67 → 1.73배
 *   revenue: web 22,000 + phone 8,000 + store 31,000 = 61,000원
 *   repurchase cycle: (K1, 08-20) 17 days since 08-03 → 17일
 *   stock accuracy, CS response, consult → visit: no data → "—"
 */
import { expect, test } from "@playwright/test";
import { ensureShop, signIn } from "./fixtures";

const HEADER =
  "external_id,channel,customer_phone,customer_name,placed_at,pickup_date,status,arrived_at,completed_at,total,points_earned,items";
const ROWS = [
  "e2e-m-1,web,010-2000-0001,김하나,2026-08-02T19:00:00+09:00,2026-08-03,picked_up,2026-08-03T10:00:00+09:00,2026-08-03T10:01:00+09:00,10000,100,우유식빵 x 2",
  "e2e-m-2,store,010-2000-0001,김하나,,,picked_up,,2026-08-20T14:00:00+09:00,5000,50,플레인 베이글 x 1",
  "e2e-m-3,phone,01020000002,이둘,2026-08-04T18:00:00+09:00,2026-08-05,picked_up,2026-08-05T11:00:00+09:00,2026-08-05T11:03:00+09:00,8000,80,",
  "e2e-m-4,store,010-2000-0003,박셋,,,picked_up,,2026-08-10 12:00,6000,60,",
  "e2e-m-5,web,010-2000-0003,박셋,2026-09-24T18:00:00+09:00,2026-09-25,picked_up,2026-09-25T09:00:00+09:00,2026-09-25T09:00:30+09:00,4000,40,",
  "e2e-m-6,web,010-2000-0004,최넷,2026-08-11T18:00:00+09:00,2026-08-12,no_show,,,7000,,",
  "e2e-m-7,web,010-2000-0004,최넷,2026-08-12T18:00:00+09:00,2026-08-13,cancelled,,,3000,,",
  "e2e-m-8,store,,,,,picked_up,,2026-08-15T15:00:00+09:00,20000,,",
  "e2e-m-9,web,010-2000-0005,정다섯,2026-08-24T18:00:00+09:00,2026-08-25,picked_up,2026-08-25T16:00:00+09:00,2026-08-25T16:01:30+09:00,12000,999,",
  "e2e-m-10,kiosk,,,2026-08-24T18:00:00+09:00,2026-08-25,picked_up,,2026-08-25T16:01:30+09:00,1000,,",
];
const CSV = "\uFEFF" + [HEADER, ...ROWS].join("\r\n") + "\r\n";

/** Last week's Tuesday and Wednesday, shop-local, for the weekly review. */
function lastWeekDays(): { tue: string; wed: string } {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Seoul" }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  const monday = d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000;
  const day = (offset: number) => new Date(monday + offset * 86_400_000).toISOString().slice(0, 10);
  return { tue: day(-6), wed: day(-5) };
}

test("owner imports a known history and sees the hand-computed metrics", async ({ page }) => {
  ensureShop();
  await signIn(page);

  await page.goto("/admin/import");
  await page.getByLabel("CSV 파일").setInputFiles({ name: "history.csv", mimeType: "text/csv", buffer: Buffer.from(CSV, "utf8") });
  await page.getByRole("button", { name: "가져오기" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("가져옴 9행 · 건너뜀 0행 · 오류 1행 (전체 10행)");
  const badRow = page.getByTestId("import-report").getByRole("row", { name: /e2e-m-10/ });
  await expect(badRow).toContainText("오류");
  await expect(badRow).toContainText('채널(channel) "kiosk"');

  // The same file again: every good row is already there.
  await page.getByLabel("CSV 파일").setInputFiles({ name: "history.csv", mimeType: "text/csv", buffer: Buffer.from(CSV, "utf8") });
  await page.getByRole("button", { name: "가져오기" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("가져옴 0행 · 건너뜀 9행 · 오류 1행 (전체 10행)");

  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/admin/metrics?from=2026-08-01&to=2026-08-31");
  const tile = (key: string) => page.getByTestId(`metric-${key}`);
  const expectTile = async (key: string, value: string, counts?: string | RegExp, met?: string) => {
    await expect(tile(key).getByTestId("metric-value")).toHaveText(value);
    if (counts) await expect(tile(key).getByTestId("metric-counts")).toContainText(counts);
    if (met) await expect(tile(key).getByTestId("metric-met")).toHaveText(met);
  };
  await expectTile("revisit_rate_30", "25%", "1 / 4");
  await expectTile("revisit_rate_60", "50%", "2 / 4");
  await expectTile("pickup_lead_time", "90초", "p90 180초", "✓ 목표 달성");
  await expectTile("preorder_conversion", "60%", "3 / 5", "✗ 목표 미달");
  await expectTile("no_show_rate", "20%", "1 / 5", "✗ 목표 미달");
  await expectTile("points_consistency", "80%", "4 / 5", "✗ 목표 미달");
  await expectTile("omni_customer_share", "25%", "1 / 4");
  await expectTile("channel_synergy", "1.73배", "옴니 15,000원 · 단일 8,667원", "✓ 목표 달성");
  await expectTile("revenue", "61,000원", "웹 22,000원 · 전화 8,000원 · 매장 31,000원");
  await expectTile("repurchase_cycle", "17일");
  await expectTile("stock_accuracy", "—", "0 / 0");
  await expectTile("cs_response_time", "—");
  await expectTile("consult_to_visit", "—");
  // Nothing in July (the previous 31 days): rates have no previous value; revenue went from 0.
  await expect(tile("revisit_rate_30").getByTestId("metric-change")).toHaveText(/이전 기간 값 없음/);
  await expect(tile("revenue").getByTestId("metric-change")).toHaveText("▲ 이전 기간 대비 +61,000원");

  // The definition is one click away.
  await tile("no_show_rate").getByText("어떻게 계산하나요?").click();
  await expect(tile("no_show_rate").getByText(/노쇼 비율이에요/)).toBeVisible();
  await page.screenshot({ path: "test-results/metrics-dashboard.png", fullPage: false });
  await page.screenshot({ path: "test-results/metrics-dashboard-full.png", fullPage: true });

  // Drill down to the no-show behind the rate.
  await tile("no_show_rate")
    .getByRole("link", { name: /자세히 보기/ })
    .click();
  await expect(page).toHaveURL(/\/admin\/metrics\/no_show_rate\?from=2026-08-01&to=2026-08-31/);
  const table = page.getByTestId("drilldown-table");
  await expect(table.getByRole("row")).toHaveCount(6); // header + 5 final pre-orders
  await expect(table.getByRole("row").nth(1)).toContainText("노쇼");
  await expect(table.getByRole("row").nth(1)).toContainText("최넷");

  // Presets live in the URL.
  await page.goto("/admin/metrics");
  await page.getByRole("link", { name: "최근 7일" }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(page.getByRole("link", { name: "최근 7일" })).toHaveAttribute("aria-current", "page");

  // Weekly review: last week's slow hand-over (150 s) and no-show are listed.
  const { tue, wed } = lastWeekDays();
  const week = [
    HEADER,
    `e2e-r-1,web,010-2000-0006,한여섯,${tue}T08:00:00+09:00,${tue},picked_up,${tue}T10:00:00+09:00,${tue}T10:02:30+09:00,5000,50,`,
    `e2e-r-2,web,010-2000-0007,오일곱,${tue}T08:00:00+09:00,${wed},no_show,,,6000,,`,
  ].join("\n");
  await page.goto("/admin/import");
  await page.getByLabel("CSV 파일").setInputFiles({ name: "week.csv", mimeType: "text/csv", buffer: Buffer.from(week, "utf8") });
  await page.getByRole("button", { name: "가져오기" }).click();
  await expect(page.getByTestId("import-summary")).toHaveText("가져옴 2행 · 건너뜀 0행 · 오류 0행 (전체 2행)");
  await page.goto("/admin/review");
  await expect(page.getByTestId("slow-orders")).toContainText("150초 대기");
  await expect(page.getByTestId("no-shows")).toContainText("오일곱");
  await expect(page.getByTestId("review-table").getByRole("row", { name: /노쇼율/ })).toContainText("50%"); // 1 no-show of 2 final pre-orders
  await page.screenshot({ path: "test-results/metrics-review-top.png", fullPage: false });
  // Write this week's one action; it is saved.
  await page.getByLabel("이번 주에 바꿀 한 가지").fill("도착 알림 뒤 1분 안에 건네기");
  await page.getByRole("button", { name: "저장" }).click();
  await expect(page.getByTestId("notice-success")).toHaveText("이번 주 메모를 저장했어요.");
  await page.reload();
  await expect(page.getByLabel("이번 주에 바꿀 한 가지")).toHaveValue("도착 알림 뒤 1분 안에 건네기");
  await page.screenshot({ path: "test-results/metrics-review.png", fullPage: false });
});
