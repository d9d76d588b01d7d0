"use client";

/** Dashboard charts (Recharts). Client-only, and imported only by admin pages. */
import { useLocale } from "next-intl";
import { formatNumber } from "@/lib/format";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const pct = (v: number | null) => (v === null || v === undefined ? "—" : `${Math.round(v * 1000) / 10}%`);
const shortDate = (d: string) => d.slice(5).replace("-", "/");

function Frame({ title, testId, children }: { title: string; testId: string; children: React.ReactElement }) {
  return (
    <figure className="rounded-2xl border border-stone-200 bg-white p-4" data-testid={testId}>
      <figcaption className="mb-2 text-base font-semibold text-stone-800">{title}</figcaption>
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

export function RevisitTrendChart({
  data,
  title,
  labels,
}: {
  data: { week: string; rate30: number | null; rate60: number | null }[];
  title: string;
  labels: { r30: string; r60: string };
}) {
  return (
    <Frame title={title} testId="chart-revisit">
      <LineChart data={data} margin={{ top: 8, right: 16, left: 0, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e7e5e4" />
        <XAxis dataKey="week" tickFormatter={shortDate} fontSize={12} />
        <YAxis domain={[0, 1]} tickFormatter={(v) => `${Math.round(v * 100)}%`} fontSize={12} width={44} />
        <Tooltip formatter={(v) => pct(v as number | null)} labelFormatter={(l) => String(l)} />
        <Legend />
        <Line
          type="linear"
          isAnimationActive={false}
          dataKey="rate30"
          name={labels.r30}
          stroke="#b45309"
          strokeWidth={2}
          connectNulls
          dot
        />
        <Line
          type="linear"
          isAnimationActive={false}
          dataKey="rate60"
          name={labels.r60}
          stroke="#0369a1"
          strokeWidth={2}
          strokeDasharray="5 3"
          connectNulls
          dot
        />
      </LineChart>
    </Frame>
  );
}

export function LeadTimeChart({
  data,
  title,
  countLabel,
  targetLabel,
}: {
  data: { bucket: string; count: number }[];
  title: string;
  countLabel: string;
  targetLabel: string;
}) {
  return (
    <Frame title={title} testId="chart-lead-time">
      <BarChart data={data} margin={{ top: 8, right: 16, left: 0, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e7e5e4" />
        <XAxis dataKey="bucket" fontSize={12} />
        <YAxis allowDecimals={false} fontSize={12} width={36} />
        <Tooltip />
        {/* The 2-minute line sits between the 90–120 s and 120–180 s buckets. */}
        <ReferenceLine
          x="90–120s"
          stroke="#b91c1c"
          strokeDasharray="4 2"
          label={{ value: targetLabel, position: "insideTopRight", fill: "#b91c1c", fontSize: 12 }}
        />
        <Bar isAnimationActive={false} dataKey="count" name={countLabel} fill="#d97706" />
      </BarChart>
    </Frame>
  );
}

export function OutcomeTrendChart({
  data,
  title,
  labels,
}: {
  data: { week: string; conversion: number | null; no_show_rate: number | null }[];
  title: string;
  labels: { conversion: string; noShow: string };
}) {
  return (
    <Frame title={title} testId="chart-outcomes">
      <LineChart data={data} margin={{ top: 8, right: 16, left: 0, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e7e5e4" />
        <XAxis dataKey="week" tickFormatter={shortDate} fontSize={12} />
        <YAxis domain={[0, 1]} tickFormatter={(v) => `${Math.round(v * 100)}%`} fontSize={12} width={44} />
        <Tooltip formatter={(v) => pct(v as number | null)} />
        <Legend />
        <ReferenceLine y={0.95} stroke="#15803d" strokeDasharray="4 2" />
        <ReferenceLine y={0.03} stroke="#b91c1c" strokeDasharray="4 2" />
        <Line
          type="linear"
          isAnimationActive={false}
          dataKey="conversion"
          name={labels.conversion}
          stroke="#15803d"
          strokeWidth={2}
          connectNulls
        />
        <Line
          type="linear"
          isAnimationActive={false}
          dataKey="no_show_rate"
          name={labels.noShow}
          stroke="#b91c1c"
          strokeWidth={2}
          connectNulls
        />
      </LineChart>
    </Frame>
  );
}

export function RevenueChart({
  data,
  title,
  labels,
}: {
  data: { week: string; web: number; phone: number; store: number }[];
  title: string;
  labels: { web: string; phone: string; store: string };
}) {
  const locale = useLocale();
  const won = (v: number) => formatNumber(Math.round(v), locale);
  // Axis ticks in the reader's units: 만 (10,000) in Korean, k (1,000) in English.
  const tick = (v: number) =>
    locale === "en" ? (v >= 1_000 ? `${Math.round(v / 1_000)}k` : won(v)) : v >= 10_000 ? `${Math.round(v / 10_000)}만` : won(v);
  return (
    <Frame title={title} testId="chart-revenue">
      <BarChart data={data} margin={{ top: 8, right: 16, left: 8, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e7e5e4" />
        <XAxis dataKey="week" tickFormatter={shortDate} fontSize={12} />
        <YAxis tickFormatter={tick} fontSize={12} width={48} />
        <Tooltip formatter={(v) => won(v as number)} />
        <Legend />
        <Bar isAnimationActive={false} dataKey="web" stackId="r" name={labels.web} fill="#d97706" />
        <Bar isAnimationActive={false} dataKey="phone" stackId="r" name={labels.phone} fill="#0369a1" />
        <Bar isAnimationActive={false} dataKey="store" stackId="r" name={labels.store} fill="#15803d" />
      </BarChart>
    </Frame>
  );
}
