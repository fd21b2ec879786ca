/**
 * Drill-downs that add up (issue 8): the parts a month value was summed from, shown by day with their source, and
 * how much of the value the listed evidence rows (failing rounds, ratings) explain one by one — the rest comes from
 * the platform's export summaries, which have no rows behind them (metrics.md §0, §5).
 */
import { addDays, daysBetween } from './china-time';
import type { Day } from './domain';
import type { EvidenceView } from './events-view';
import { METRICS, type MetricId } from './metrics';
import { addContributions, toMetricValue, type Contribution } from './rollup';

/** `summary` 平台导出 (an export row), `events` 明细计算 (the rule engine's day cell from event records). */
export type DrillSource = 'summary' | 'events';

export const DRILL_SOURCE_ZH: Record<DrillSource, string> = { summary: '平台导出', events: '明细计算' };

/** One part counted in a month value: exactly what the month's sum added (an export row or an engine day cell). */
export interface DrillPart {
  from: Day;
  to: Day;
  source: DrillSource;
  c: Contribution;
}

/** A row of the by-day table: one counted part (a one-day part, or an export row over a longer period). */
export interface DrillDay {
  day: Day;
  /** the last day of the part (= day for a one-day part) */
  to: Day;
  source: DrillSource;
  value: number | null;
  numerator: number;
  denominator: number | null;
  approximate: boolean;
}

/** The by-day rows of the parts, in day order (an export period before the engine days inside it). */
export function drillDays(parts: readonly DrillPart[]): DrillDay[] {
  return [...parts]
    .sort(
      (a, b) =>
        a.from.localeCompare(b.from) ||
        b.to.localeCompare(a.to) ||
        (a.source === b.source ? 0 : a.source === 'summary' ? -1 : 1),
    )
    .map((p) => ({
      day: p.from,
      to: p.to,
      source: p.source,
      value: p.c.den === null ? p.c.num : p.c.den > 0 ? p.c.num / p.c.den : null,
      numerator: p.c.num,
      denominator: p.c.den,
      approximate: p.c.approximate,
    }));
}

/** The 合计 of the parts: the same sum (and rounding) the month value is built with. */
export function drillTotal(
  metric: MetricId,
  parts: readonly DrillPart[],
): { value: number | null; numerator: number; denominator: number | null; approximate: boolean } | null {
  const c = addContributions(parts.map((p) => p.c));
  if (!c) return null;
  const v = toMetricValue(metric, c, { threshold: null, status: null });
  return { value: v.value, numerator: c.num, denominator: c.den, approximate: c.approximate };
}

/**
 * What the evidence of a metric lists, one row per unit: the misses of a rate (denominator − numerator: rounds,
 * sessions or buyers not answered in time; neutral and dissatisfied ratings of the good rate) or its numerator
 * (attitude-cited neutral/dissatisfied ratings of the bad-attitude ratio).
 */
export interface EvidenceSpec {
  headline: 'misses' | 'numerator';
  /** measure word and noun of the sentence: "752 次未达标", "32 条服务态度差中差评" */
  unit: '次' | '条';
  what: string;
  /** where the listed rows come from */
  from: '聊天记录' | '评价明细';
}

export const EVIDENCE_SPEC: Partial<Record<MetricId, EvidenceSpec>> = {
  reply_3min_rate: { headline: 'misses', unit: '次', what: '未达标', from: '聊天记录' },
  reply_30s_rate: { headline: 'misses', unit: '次', what: '未达标', from: '聊天记录' },
  first_reply_30s_rate: { headline: 'misses', unit: '次', what: '未达标', from: '聊天记录' },
  good_rate: { headline: 'misses', unit: '条', what: '中差评', from: '评价明细' },
  bad_attitude_ratio: { headline: 'numerator', unit: '条', what: '服务态度差中差评', from: '评价明细' },
};

/** One count of a value split by where it comes from. `events + summary = total`. */
export interface CoverageLine {
  total: number;
  /** from engine day cells (computed from event records) */
  events: number;
  /** from export rows: the platform's own summaries, no rows behind them */
  summary: number;
  /** explained one by one by the listed evidence rows (≤ events); null: the evidence does not list these */
  listed: number | null;
}

export interface DrillCoverage {
  /** which line the evidence rows enumerate and the sentence is about; null for metrics without evidence rows */
  headline: 'misses' | 'numerator' | null;
  numerator: CoverageLine;
  /** denominator − numerator, for rates with a denominator */
  misses: CoverageLine | null;
  denominator: CoverageLine | null;
  /** the days counted from event records (what the evidence can cover), in order */
  events_days: Day[];
  /** the export parts' periods, in order */
  summary_periods: { from: Day; to: Day }[];
  /** the drawer's sentence ("752 次未达标中，明细可见 221 次（…的聊天记录），其余 531 次来自平台导出的日汇总") */
  sentence: string | null;
}

/** How many counted evidence rows there are, per line (from the listed rows themselves). */
export interface ListedCounts {
  numerator?: number;
  misses?: number;
  denominator?: number;
}

function line(
  parts: readonly DrillPart[],
  of: (c: Contribution) => number,
  listed: number | null,
): CoverageLine {
  let events = 0;
  let summary = 0;
  for (const p of parts) {
    if (p.source === 'events') events += of(p.c);
    else summary += of(p.c);
  }
  // weighted export parts (a mean × its weight) are not integers: keep the sum as the month value rounds it
  const r = (x: number): number => Math.round(x * 1e6) / 1e6;
  return { total: r(events + summary), events: r(events), summary: r(summary), listed };
}

/** Runs of consecutive days as `MM-DD` or `MM-DD 至 MM-DD`, joined with 、; many runs are summarised. */
export function formatDays(days: readonly Day[]): string {
  const sorted = [...new Set(days)].sort();
  if (sorted.length === 0) return '';
  const runs: [Day, Day][] = [];
  for (const d of sorted) {
    const last = runs[runs.length - 1];
    if (last && addDays(last[1], 1) === d) last[1] = d;
    else runs.push([d, d]);
  }
  const md = (d: Day): string => d.slice(5);
  const text = (r: [Day, Day]): string => (r[0] === r[1] ? md(r[0]) : `${md(r[0])} 至 ${md(r[1])}`);
  if (runs.length <= 5) return runs.map(text).join('、');
  return `${runs.slice(0, 3).map(text).join('、')} 等 ${sorted.length} 天`;
}

/** 日汇总 when every export part is one day, 月汇总 when each covers a whole natural month, else 汇总 (periods). */
function summaryKind(periods: readonly { from: Day; to: Day }[]): string {
  if (periods.every((p) => p.from === p.to)) return '日汇总';
  const wholeMonth = (p: { from: Day; to: Day }): boolean =>
    p.from.endsWith('-01') && addDays(p.to, 1).endsWith('-01') && daysBetween(p.from, p.to) >= 27;
  if (periods.every(wholeMonth)) return '月汇总';
  return `汇总（${periods.map((p) => (p.from === p.to ? p.from.slice(5) : `${p.from.slice(5)} 至 ${p.to.slice(5)}`)).join('、')}）`;
}

/** `formatDays` ready to precede 的: "10-01 至 10-15 " but "10-02、10-09 等 8 天" without the space. */
function daysOf(days: readonly Day[]): string {
  const t = formatDays(days);
  return t.endsWith('天') ? t : `${t} `;
}

const fmt = (n: number): string =>
  Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/**
 * The drawer's sentence about the headline line: "752 次未达标中，明细可见 221 次（11-01 至 11-15 的聊天记录），其余 531 次来自
 * 平台导出的日汇总", or "明细逐条对应全部 12 次未达标" when the rows are the whole count.
 */
export function coverageSentence(cov: DrillCoverage, spec: EvidenceSpec): string {
  const l = cov.headline === 'misses' ? cov.misses : cov.numerator;
  if (!l) return '';
  const n = (x: number): string => `${fmt(x)} ${spec.unit}`;
  const listed = l.listed ?? 0;
  if (l.total === 0) {
    const from = [
      cov.events_days.length ? `${daysOf(cov.events_days)}的${spec.from}` : null,
      cov.summary_periods.length ? `平台导出的${summaryKind(cov.summary_periods)}` : null,
    ].filter(Boolean);
    return `本月没有${spec.what}${from.length ? `（${from.join('和')}）` : ''}`;
  }
  if (l.summary === 0 && listed === l.total) return `明细逐条对应全部 ${n(l.total)}${spec.what}`;
  const head = `${n(l.total)}${spec.what}`;
  const parts: string[] = [];
  if (listed > 0 || l.events > 0)
    parts.push(`明细可见 ${n(listed)}（${daysOf(cov.events_days)}的${spec.from}）`);
  if (l.events > listed) parts.push(`另有 ${n(l.events - listed)}由${spec.from}计算、未逐条列出`);
  if (l.summary > 0) {
    const kind = summaryKind(cov.summary_periods);
    if (parts.length === 0) return `${head}全部来自平台导出的${kind}，没有逐条明细`;
    parts.push(`其余 ${n(l.summary)}来自平台导出的${kind}`);
  }
  return `${head}中，${parts.join('，')}`;
}

/**
 * The coverage of a value by its parts and the counted evidence rows: numerator, misses and denominator split into
 * the engine's part and the export's, how many the rows explain, and the sentence.
 */
export function drillCoverage(
  metric: MetricId,
  parts: readonly DrillPart[],
  listed: ListedCounts = {},
): DrillCoverage {
  const spec = EVIDENCE_SPEC[metric];
  const hasDen = parts.some((p) => p.c.den !== null);
  const eventsDays = [...new Set(parts.filter((p) => p.source === 'events').map((p) => p.from))].sort();
  const summaryPeriods = parts
    .filter((p) => p.source === 'summary')
    .map((p) => ({ from: p.from, to: p.to }))
    .sort((a, b) => a.from.localeCompare(b.from));
  const cov: DrillCoverage = {
    headline: spec?.headline ?? null,
    numerator: line(parts, (c) => c.num, spec ? (listed.numerator ?? null) : null),
    misses:
      hasDen && METRICS[metric].kind === 'rate'
        ? line(parts, (c) => (c.den ?? 0) - c.num, spec ? (listed.misses ?? null) : null)
        : null,
    denominator: hasDen ? line(parts, (c) => c.den ?? 0, spec ? (listed.denominator ?? null) : null) : null,
    events_days: eventsDays,
    summary_periods: summaryPeriods,
    sentence: null,
  };
  if (spec && parts.length) cov.sentence = coverageSentence(cov, spec);
  return cov;
}

/**
 * The counted evidence rows per line: for the chat metrics each counted row is one miss; for ratings the counted
 * rows are the denominator, split into the numerator and the misses by class and attitude.
 */
export function listedCounts(metric: MetricId, view: Pick<EvidenceView, 'rounds' | 'ratings'>): ListedCounts {
  const spec = EVIDENCE_SPEC[metric];
  if (!spec) return {};
  if (spec.from === '聊天记录') return { misses: view.rounds.filter((r) => r.excluded === null).length };
  const counted = view.ratings.filter((r) => r.excluded === null && r.class !== null);
  const bad = counted.filter((r) => r.class !== 'satisfied');
  if (metric === 'good_rate')
    return { numerator: counted.length - bad.length, misses: bad.length, denominator: counted.length };
  const attitude = bad.filter((r) => r.cites_attitude).length;
  return { numerator: attitude, misses: bad.length - attitude, denominator: bad.length };
}
