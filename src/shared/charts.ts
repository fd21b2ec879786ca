/**
 * ECharts option builders (architecture.md #7): plain data in, plain option objects out. The chart component only
 * renders the option it is given; every choice about series, gaps, units and threshold lines is made (and tested) here.
 * No echarts import: the option is typed with the few fields these builders produce.
 */
import type { Threshold } from './report';

export type ChartUnit = 'percent' | 'seconds' | 'plain';

/** A data point: a number, or null for a day without data (drawn as a gap, never as 0). */
export type ChartValue = number | null;

/** A data point with its own symbol (an isolated day would otherwise be invisible on a line without symbols). */
export interface ChartPoint {
  value: number;
  symbol?: string;
  symbolSize?: number;
}

export interface MarkLineOption {
  silent: boolean;
  symbol: string | string[];
  data: { yAxis: number; name?: string }[];
  label: { show: boolean; formatter?: string; position?: string; color?: string; fontSize?: number };
  lineStyle: { type: 'dashed' | 'solid' | 'dotted'; color: string; width: number; opacity?: number };
}

export interface LineSeriesOption {
  type: 'line';
  name: string;
  data: (ChartValue | ChartPoint)[];
  connectNulls: boolean;
  showSymbol?: boolean;
  symbol?: string;
  symbolSize?: number;
  smooth?: boolean;
  lineStyle?: { width: number; color?: string };
  itemStyle?: { color: string };
  markLine?: MarkLineOption;
  z?: number;
}

export interface AxisOption {
  type: 'category' | 'value';
  show?: boolean;
  data?: string[];
  min?: number;
  max?: number;
  scale?: boolean;
  boundaryGap?: boolean;
  axisLabel?: { formatter?: string; color?: string; fontSize?: number; interval?: number | 'auto' };
  axisTick?: { show: boolean };
  axisLine?: { show: boolean; lineStyle?: { color: string } };
  splitLine?: { show: boolean; lineStyle?: { color: string; type?: 'dashed' | 'solid' } };
}

/** The subset of ECharts' option these builders produce. */
export interface ChartOption {
  animation?: boolean;
  color?: string[];
  grid: { left: number; right: number; top: number; bottom: number; containLabel?: boolean };
  legend?: {
    show: boolean;
    /** 'scroll': one line with paging arrows instead of wrapping over the plot */
    type?: 'plain' | 'scroll';
    top?: number;
    left?: number | string;
    itemWidth?: number;
    itemHeight?: number;
    textStyle?: { fontSize: number; color: string };
  };
  tooltip?: {
    show: boolean;
    trigger?: 'axis' | 'item';
    /** Formats one value in the tooltip (a percent with two decimals, "无数据" for a gap). */
    valueFormatter?: (value: unknown) => string;
  };
  xAxis: AxisOption;
  yAxis: AxisOption;
  series: LineSeriesOption[];
}

export const CHART_COLORS = ['#1f5fd1', '#12b76a', '#f79009', '#7a5af8', '#ee46bc'];
const GRID_LINE = '#eef0f4';
const AXIS_TEXT = '#667085';

/** A stored value in display units: rates as percent with two decimals, seconds with one, others as given. */
export function toUnit(value: number | null | undefined, unit: ChartUnit): ChartValue {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  switch (unit) {
    case 'percent':
      return Math.round(value * 10000) / 100;
    case 'seconds':
      return Math.round(value * 10) / 10;
    case 'plain':
      return value;
  }
}

/** One value as the tooltip shows it; '-' and null are ECharts' and our gaps. */
export function formatUnit(value: unknown, unit: ChartUnit): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '无数据';
  switch (unit) {
    case 'percent':
      return `${value.toFixed(2)}%`;
    case 'seconds':
      return `${value.toFixed(1)}秒`;
    case 'plain':
      return value.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
  }
}

/** `≥ 80.00%`, as the threshold line is labelled. */
export function thresholdLabel(t: Threshold, unit: ChartUnit): string {
  return `${t.op === '>=' ? '≥' : '≤'} ${formatUnit(toUnit(t.value, unit), unit)}`;
}

/** `2026-10-03` → `10-03`. */
export function dayLabel(day: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? day.slice(5) : day;
}

export function hasData(values: readonly ChartValue[] | undefined): boolean {
  return !!values && values.some((v) => v !== null && Number.isFinite(v));
}

/** Points with no neighbour on either side get a symbol: a lone day is a dot, not nothing. */
function withLonePoints(values: ChartValue[], size: number): (ChartValue | ChartPoint)[] {
  return values.map((v, i) => {
    if (v === null) return null;
    const prev = i > 0 ? values[i - 1] : null;
    const next = i < values.length - 1 ? values[i + 1] : null;
    return prev === null && next === null ? { value: v, symbol: 'circle', symbolSize: size } : v;
  });
}

/** Y range for percentages: from a round step under the lowest value (or threshold) up to 100. */
function percentRange(values: number[]): { min: number; max: number } {
  if (values.length === 0) return { min: 0, max: 100 };
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const min = Math.max(0, Math.floor((lo - 5) / 10) * 10);
  const max = hi > 100 ? Math.ceil((hi + 5) / 10) * 10 : 100;
  return { min, max };
}

export interface TrendSeries {
  name: string;
  /** One value per day of `days`, stored units (fractions for rates); null = no data that day. */
  values: readonly (number | null)[];
  threshold?: Threshold | null;
  color?: string;
}

export interface TrendInput {
  days: readonly string[];
  unit: ChartUnit;
  series: readonly TrendSeries[];
}

/**
 * Daily trend lines (Overview): one line per metric, null days as gaps, rates in percent, each threshold as a dashed
 * markLine labelled `≥ 80.00%` (series sharing the same threshold share one grey line).
 */
export function trendOption(input: TrendInput): ChartOption {
  const { unit } = input;
  const thresholdsSeen = new Map<number, number>();
  for (const s of input.series) {
    if (!s.threshold) continue;
    const v = toUnit(s.threshold.value, unit)!;
    thresholdsSeen.set(v, (thresholdsSeen.get(v) ?? 0) + 1);
  }
  const drawn = new Set<number>();
  const allValues: number[] = [];

  const series: LineSeriesOption[] = input.series.map((s, i) => {
    const color = s.color ?? CHART_COLORS[i % CHART_COLORS.length]!;
    const values = input.days.map((_, d) => toUnit(s.values[d] ?? null, unit));
    for (const v of values) if (v !== null) allValues.push(v);
    const line: LineSeriesOption = {
      type: 'line',
      name: s.name,
      data: withLonePoints(values, 7),
      connectNulls: false,
      showSymbol: true,
      symbol: 'circle',
      symbolSize: 5,
      lineStyle: { width: 2, color },
      itemStyle: { color },
      z: 3,
    };
    if (s.threshold) {
      const t = toUnit(s.threshold.value, unit)!;
      allValues.push(t);
      if (!drawn.has(t)) {
        drawn.add(t);
        const shared = (thresholdsSeen.get(t) ?? 0) > 1 || input.series.length === 1;
        line.markLine = {
          silent: true,
          symbol: 'none',
          data: [{ yAxis: t, name: '考核线' }],
          label: {
            show: true,
            position: 'insideEndTop',
            formatter: shared
              ? `考核线 ${thresholdLabel(s.threshold, unit)}`
              : thresholdLabel(s.threshold, unit),
            color: shared ? '#d92d20' : color,
            fontSize: 11,
          },
          lineStyle: { type: 'dashed', color: shared ? '#d92d20' : color, width: 1, opacity: 0.8 },
        };
      }
    }
    return line;
  });

  const yAxis: AxisOption = {
    type: 'value',
    axisLabel: {
      color: AXIS_TEXT,
      fontSize: 11,
      ...(unit === 'percent'
        ? { formatter: '{value}%' }
        : unit === 'seconds'
          ? { formatter: '{value}秒' }
          : {}),
    },
    splitLine: { show: true, lineStyle: { color: GRID_LINE } },
  };
  if (unit === 'percent') Object.assign(yAxis, percentRange(allValues));
  else if (unit === 'seconds') yAxis.min = 0;

  return {
    animation: false,
    color: series.map((s) => s.itemStyle!.color),
    grid: { left: 8, right: 16, top: input.series.length > 1 ? 36 : 16, bottom: 4, containLabel: true },
    legend: {
      show: input.series.length > 1,
      top: 4,
      left: 'center',
      itemWidth: 14,
      itemHeight: 8,
      textStyle: { fontSize: 12, color: '#475467' },
    },
    tooltip: { show: true, trigger: 'axis', valueFormatter: (v) => formatUnit(v, unit) },
    xAxis: {
      type: 'category',
      data: input.days.map(dayLabel),
      boundaryGap: false,
      axisLabel: { color: AXIS_TEXT, fontSize: 11 },
      axisTick: { show: false },
      axisLine: { show: true, lineStyle: { color: '#d0d5dd' } },
    },
    yAxis,
    series,
  };
}

/** Leading and trailing days without data are cut off: a sparkline shows the days that have data. */
export function trimNulls<T>(values: readonly (T | null)[]): { start: number; values: (T | null)[] } {
  let a = 0;
  let b = values.length;
  while (a < b && values[a] === null) a++;
  while (b > a && values[b - 1] === null) b--;
  return { start: a, values: values.slice(a, b) };
}

export interface SparkInput {
  values: readonly (number | null)[];
  unit: ChartUnit;
  threshold?: Threshold | null;
  color?: string;
}

/**
 * A word-sized line (about 80×24): no axes, no labels, no tooltip, gaps kept, lone days and the last day as dots, the
 * threshold as a faint dashed line.
 */
export function sparklineOption(input: SparkInput): ChartOption {
  const color = input.color ?? CHART_COLORS[0]!;
  const { values: raw } = trimNulls(input.values.map((v) => toUnit(v, input.unit)));
  const values = raw;
  const lastIndex = values.length - 1;
  const data = withLonePoints(values, 4).map((p, i) =>
    i === lastIndex && typeof p === 'number' ? { value: p, symbol: 'circle', symbolSize: 4 } : p,
  );
  const numbers = values.filter((v): v is number => v !== null);
  const t = input.threshold ? toUnit(input.threshold.value, input.unit) : null;
  const span = numbers.length ? [...numbers, ...(t !== null ? [t] : [])] : [0, 1];
  let min = Math.min(...span);
  let max = Math.max(...span);
  if (max - min < 1e-9) {
    min -= 1;
    max += 1;
  }
  const pad = (max - min) * 0.12;
  const series: LineSeriesOption = {
    type: 'line',
    name: 'spark',
    data,
    connectNulls: false,
    showSymbol: true,
    symbol: 'none',
    lineStyle: { width: 1.5, color },
    itemStyle: { color },
  };
  if (t !== null) {
    series.markLine = {
      silent: true,
      symbol: 'none',
      data: [{ yAxis: t }],
      label: { show: false },
      lineStyle: { type: 'dashed', color: '#98a2b3', width: 1, opacity: 0.7 },
    };
  }
  return {
    animation: false,
    grid: { left: 2, right: 3, top: 3, bottom: 3 },
    tooltip: { show: false },
    xAxis: { type: 'category', show: false, boundaryGap: false, data: values.map((_, i) => String(i)) },
    yAxis: { type: 'value', show: false, min: min - pad, max: max + pad, scale: true },
    series: [series],
  };
}

/**
 * Missing days as compact ranges for the freshness table: `['2026-10-01','2026-10-02','2026-10-05']` →
 * `['10-01~10-02', '10-05']` (consecutive China calendar days joined; days are `YYYY-MM-DD`).
 */
export function compactDayRanges(days: readonly string[]): string[] {
  const sorted = [...new Set(days)].sort();
  const out: string[] = [];
  let start: string | null = null;
  let prev: string | null = null;
  const next = (d: string): string => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, day + 1));
    return t.toISOString().slice(0, 10);
  };
  const flush = (): void => {
    if (start === null || prev === null) return;
    out.push(start === prev ? dayLabel(start) : `${dayLabel(start)}~${dayLabel(prev)}`);
  };
  for (const d of sorted) {
    if (prev !== null && next(prev) === d) {
      prev = d;
      continue;
    }
    flush();
    start = d;
    prev = d;
  }
  flush();
  return out;
}
