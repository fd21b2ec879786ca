/**
 * ECharts option builders for the KPI screens (architecture.md #7): plain data in, plain option objects out, no echarts
 * import. The what-if panel shows how a scheme edit moves the score distribution (kpi.md §4).
 */
import type { ScoreHistogram } from './kpi/what-if';

export interface BarSeriesOption {
  type: 'bar';
  name: string;
  data: number[];
  barMaxWidth: number;
  barGap: string;
  itemStyle: { color: string; borderRadius: number[] };
  label: {
    show: boolean;
    position: 'top';
    fontSize: number;
    color: string;
    formatter: (p: { value: unknown }) => string;
  };
  emphasis: { focus: 'series' };
}

export interface CategoryAxisOption {
  type: 'category';
  data: string[];
  name?: string;
  nameLocation?: 'end' | 'middle';
  nameGap?: number;
  nameTextStyle?: { color: string; fontSize: number };
  axisTick: { show: boolean; alignWithLabel?: boolean };
  axisLine: { lineStyle: { color: string } };
  axisLabel: {
    color: string;
    fontSize: number;
    interval: number;
    rotate: number;
    formatter: (value: string) => string;
  };
}

export interface ValueAxisOption {
  type: 'value';
  minInterval: number;
  name?: string;
  nameTextStyle?: { color: string; fontSize: number; align?: 'left' | 'right' | 'center' };
  axisLabel: { color: string; fontSize: number };
  splitLine: { lineStyle: { color: string; type: 'dashed' | 'solid' } };
}

/** The subset of ECharts' option the KPI builders produce. */
export interface KpiChartOption {
  animation: boolean;
  grid: { left: number; right: number; top: number; bottom: number; containLabel: boolean };
  legend: {
    show: boolean;
    top: number;
    right: number;
    itemWidth: number;
    itemHeight: number;
    textStyle: { fontSize: number; color: string };
  };
  tooltip: {
    show: boolean;
    trigger: 'axis';
    axisPointer: { type: 'shadow' };
    valueFormatter: (value: unknown) => string;
  };
  xAxis: CategoryAxisOption;
  yAxis: ValueAxisOption;
  series: BarSeriesOption[];
}

export const BEFORE_COLOR = '#b8c0cc';
export const AFTER_COLOR = '#1f5fd1';
const AXIS_TEXT = '#667085';
const GRID_LINE = '#eef0f4';

/** The bucket of agents without a final score (every item left out), shown only when someone is in it. */
export const UNSCORED_LABEL = '无得分';

/** `0–10` → `0–10分`: the tooltip says what the numbers are; the axis drops the 分 to keep the labels apart. */
export function bucketLabel(label: string): string {
  return label === UNSCORED_LABEL ? label : `${label}分`;
}

export const axisBucketLabel = (value: string): string => value.replace(/^(\d+–\d+)分$/, '$1');

/**
 * The buckets from 60 up are always drawn (the grades live there); lower buckets only from the lowest one anybody is
 * in, so a team scoring 55–95 is not squeezed between six empty buckets.
 */
export const ALWAYS_FROM_BUCKET = 6;

/** A count as the tooltip shows it. */
export function formatPeople(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? `${value} 人` : '—';
}

export interface ScoreDistributionInput {
  /** The saved version's distribution; null when the draft is a new scheme (nothing to compare with). */
  before: ScoreHistogram | null;
  after: ScoreHistogram;
  beforeName?: string;
  afterName?: string;
}

function barSeries(name: string, counts: number[], color: string): BarSeriesOption {
  return {
    type: 'bar',
    name,
    data: counts,
    barMaxWidth: 22,
    barGap: '10%',
    itemStyle: { color, borderRadius: [3, 3, 0, 0] },
    // an empty bucket gets no "0" on top: the eye should find the buckets people are in
    label: {
      show: true,
      position: 'top',
      fontSize: 11,
      color: AXIS_TEXT,
      formatter: (p) => (typeof p.value === 'number' && p.value > 0 ? String(p.value) : ''),
    },
    emphasis: { focus: 'series' },
  };
}

/**
 * The what-if score distribution: agents per 10-point bucket of the final score, the saved version (grey) beside the
 * edited draft (blue). Empty buckets under 60 below the lowest score are left out (ALWAYS_FROM_BUCKET). A `无得分`
 * bucket is added when either side has agents without a score, so nobody silently disappears from the chart.
 */
export function scoreDistributionOption(input: ScoreDistributionInput): KpiChartOption {
  const { before, after } = input;
  const withUnscored = after.unscored > 0 || (before?.unscored ?? 0) > 0;
  const used = after.counts.map((c, i) => c > 0 || (before?.counts[i] ?? 0) > 0);
  const lowest = used.indexOf(true);
  const from = lowest < 0 ? ALWAYS_FROM_BUCKET : Math.min(lowest, ALWAYS_FROM_BUCKET);
  const labels = [...after.labels.slice(from), ...(withUnscored ? [UNSCORED_LABEL] : [])];
  const countsOf = (h: ScoreHistogram): number[] => [
    ...h.counts.slice(from),
    ...(withUnscored ? [h.unscored] : []),
  ];
  const series: BarSeriesOption[] = [];
  if (before) series.push(barSeries(input.beforeName ?? '修改前', countsOf(before), BEFORE_COLOR));
  series.push(barSeries(input.afterName ?? '修改后', countsOf(after), AFTER_COLOR));
  return {
    animation: false,
    grid: { left: 8, right: 20, top: 36, bottom: 4, containLabel: true },
    legend: {
      show: true,
      top: 0,
      right: 8,
      itemWidth: 12,
      itemHeight: 10,
      textStyle: { fontSize: 12, color: '#475467' },
    },
    tooltip: { show: true, trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: formatPeople },
    xAxis: {
      type: 'category',
      data: labels.map(bucketLabel),
      axisTick: { show: false, alignWithLabel: true },
      axisLine: { lineStyle: { color: '#d0d5dd' } },
      // every bucket is labelled: ten short labels fit, and a skipped one reads as a missing bucket
      axisLabel: {
        color: AXIS_TEXT,
        fontSize: 11,
        interval: 0,
        // ten or eleven buckets in a side panel: tilt the labels rather than let them run into each other
        rotate: labels.length > 8 ? 35 : 0,
        formatter: axisBucketLabel,
      },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      name: '人数',
      nameTextStyle: { color: AXIS_TEXT, fontSize: 11, align: 'right' },
      axisLabel: { color: AXIS_TEXT, fontSize: 11 },
      splitLine: { lineStyle: { color: GRID_LINE, type: 'dashed' } },
    },
    series,
  };
}

/** True when the histograms hold nobody at all (the month has no scored agent): the panel shows an empty state. */
export function isEmptyDistribution(before: ScoreHistogram | null, after: ScoreHistogram): boolean {
  const total = (h: ScoreHistogram | null): number =>
    h ? h.counts.reduce((a, b) => a + b, 0) + h.unscored : 0;
  return total(before) + total(after) === 0;
}
