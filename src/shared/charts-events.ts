/**
 * Pure shaping for the 中差评 and 考试预警 screens (product.md screens 3, 4; architecture.md #7): the month-to-date
 * bad-attitude trend option, exact percentage text from a numerator over a denominator, limit checks by
 * cross-multiplication, and the exam-warning calendar (week, notice Tuesday, deadline). No echarts import: the option is
 * the plain object type of `./charts`, which the chart component renders as is.
 */
import { addDays, isoWeekday } from './china-time';
import type { Day, Platform } from './domain';
import { examDeadline, examNoticeDate, EXAM_DEADLINE_DAYS, weekMonday } from './engine/exams';
import {
  dayLabel,
  formatUnit,
  type AxisOption,
  type ChartOption,
  type ChartPoint,
  type LineSeriesOption,
} from './charts';

/** A rate as stored in the events views: a numerator over a denominator (metrics.md §0). */
export interface Fraction {
  num: number;
  den: number;
}

const SCALE = 10000;

/** A fraction threshold (0.06) as an integer ratio p/SCALE, so comparisons are exact (metrics.md §0). */
function scaled(limit: number): number {
  return Math.round(limit * SCALE);
}

/** `2/3` → 0.6667 (display only); null for no data or a zero denominator. */
export function fractionValue(f: Fraction | null | undefined): number | null {
  if (!f || f.den <= 0) return null;
  return f.num / f.den;
}

/** `2/3` → `66.67%`; `—` for no data (never 0%). */
export function fractionPercent(f: Fraction | null | undefined): string {
  const v = fractionValue(f);
  return v === null ? '—' : `${(v * 100).toFixed(2)}%`;
}

/** `2/3` → `2/3`; `—` for no data. */
export function fractionText(f: Fraction | null | undefined): string {
  return !f || f.den <= 0 ? '—' : `${f.num}/${f.den}`;
}

/** True when num/den is above the limit (0.06), compared in integers; null without data. */
export function aboveLimit(f: Fraction | null | undefined, limit: number): boolean | null {
  if (!f || f.den <= 0) return null;
  return f.num * SCALE > scaled(limit) * f.den;
}

/** True when num/den reaches the threshold (≥ 0.8), compared in integers; null without data or threshold. */
export function reachesThreshold(
  f: Fraction | null | undefined,
  threshold: number | null | undefined,
): boolean | null {
  if (!f || f.den <= 0 || threshold === null || threshold === undefined) return null;
  return f.num * SCALE >= scaled(threshold) * f.den;
}

/** A limit or threshold fraction as a short percent: 0.06 → `6%`, 0.055 → `5.5%`, 0.8 → `80%`. */
export function limitPercent(limit: number): string {
  return `${(Math.round(limit * SCALE) / 100).toString()}%`;
}

const LIMIT_RED = '#d92d20';
const AXIS_TEXT = '#667085';
const GRID_LINE = '#eef0f4';
export const ATTITUDE_COLORS = ['#1f5fd1', '#7a5af8', '#f79009', '#12b76a', '#ee46bc'];

export interface AttitudeTrendSeries {
  name: string;
  /** One month-to-date ratio per day of `days`, as a fraction; null = no mid/low rating yet (or a future day). */
  values: readonly (number | null)[];
  color?: string;
}

export interface AttitudeTrendInput {
  days: readonly Day[];
  /** The platform's line as a fraction (0.06). */
  limit: number;
  /** The first series is the main one (the shop): drawn thicker and carrying the red line. */
  series: readonly AttitudeTrendSeries[];
}

/** Percent with two decimals, or null: the chart's unit. */
function percentOf(v: number | null | undefined): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  return Math.round(v * SCALE) / 100;
}

/** A point with no neighbour gets a visible dot (a line without symbols would hide it). */
function withLoneDots(values: (number | null)[], size: number): (number | null | ChartPoint)[] {
  return values.map((v, i) => {
    if (v === null) return null;
    const prev = i > 0 ? values[i - 1] : null;
    const next = i < values.length - 1 ? values[i + 1] : null;
    return prev === null && next === null ? { value: v, symbol: 'circle', symbolSize: size } : v;
  });
}

/** A round upper bound for the y axis: at least twice the line so it never sits on the floor, at most 100. */
function axisMax(values: number[], limitPct: number): number {
  const hi = Math.max(limitPct * 2, ...values);
  if (hi <= 10) return 10;
  if (hi <= 20) return 20;
  return Math.min(100, Math.ceil((hi + 2) / 10) * 10);
}

/**
 * The month-to-date 服务态度差中差评率 per day (metrics.md §4: natural month, daily values are month-to-date): days as
 * `MM-DD`, ratios as percentages with two decimals, days without a value as gaps (never 0, never bridged), and the
 * platform's line (6%) as a red dashed markLine labelled `红线 6%`.
 */
export function attitudeTrendOption(input: AttitudeTrendInput): ChartOption {
  const limitPct = percentOf(input.limit) ?? 0;
  const all: number[] = [];
  const series: LineSeriesOption[] = input.series.map((s, i) => {
    const color = s.color ?? ATTITUDE_COLORS[i % ATTITUDE_COLORS.length]!;
    const values = input.days.map((_, d) => percentOf(s.values[d] ?? null));
    for (const v of values) if (v !== null) all.push(v);
    const main = i === 0;
    const line: LineSeriesOption = {
      type: 'line',
      name: s.name,
      data: withLoneDots(values, main ? 7 : 6),
      connectNulls: false,
      showSymbol: true,
      symbol: 'circle',
      symbolSize: main ? 5 : 4,
      lineStyle: { width: main ? 2.5 : 1.5, color },
      itemStyle: { color },
      z: main ? 4 : 3,
    };
    if (main) {
      line.markLine = {
        silent: true,
        symbol: 'none',
        data: [{ yAxis: limitPct, name: '红线' }],
        label: {
          show: true,
          position: 'insideEndTop',
          formatter: `红线 ${limitPercent(input.limit)}`,
          color: LIMIT_RED,
          fontSize: 11,
        },
        lineStyle: { type: 'dashed', color: LIMIT_RED, width: 1.5, opacity: 0.9 },
      };
    }
    return line;
  });

  const yAxis: AxisOption = {
    type: 'value',
    min: 0,
    max: axisMax(all, limitPct),
    axisLabel: { formatter: '{value}%', color: AXIS_TEXT, fontSize: 11 },
    splitLine: { show: true, lineStyle: { color: GRID_LINE } },
  };
  const legend = input.series.length > 1;
  return {
    animation: false,
    color: series.map((s) => s.itemStyle!.color),
    grid: { left: 8, right: 20, top: legend ? 34 : 18, bottom: 4, containLabel: true },
    legend: {
      show: legend,
      // one shop and six accounts do not fit a half-width card at 1280: page the legend rather than wrap it
      type: 'scroll',
      top: 4,
      left: 'center',
      itemWidth: 14,
      itemHeight: 8,
      textStyle: { fontSize: 12, color: '#475467' },
    },
    tooltip: { show: true, trigger: 'axis', valueFormatter: (v) => formatUnit(v, 'percent') },
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

/** `2026-10-19` → `10-19~10-25`: the reviewed natural week (Mon–Sun) of a warning. */
export function examWeekLabel(weekStart: Day): string {
  const monday = weekMonday(weekStart);
  return `${dayLabel(monday)}~${dayLabel(addDays(monday, 6))}`;
}

const WEEKDAY_ZH = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** `2026-10-27` → `周二`. */
export function weekdayZh(day: Day): string {
  return WEEKDAY_ZH[isoWeekday(day)] ?? '';
}

export interface ExamSchedule {
  weekStart: Day;
  weekEnd: Day;
  /** the Tuesday after the week (metrics.md §7) */
  notice: Day;
  /** notice + N days, inclusive to 23:59:59 */
  deadline: Day;
}

/**
 * What a warning entered for any day of a week will look like: the reviewed week (Monday–Sunday), the notice Tuesday
 * after it and the deadline N days later (the same rules the back end applies, metrics.md §7).
 */
export function examSchedule(anyDayOfWeek: Day, deadlineDays = EXAM_DEADLINE_DAYS): ExamSchedule {
  const weekStart = weekMonday(anyDayOfWeek);
  const w = { weekStart, noticeDate: null, deadline: null };
  return {
    weekStart,
    weekEnd: addDays(weekStart, 6),
    notice: examNoticeDate(w),
    deadline: examDeadline(w, deadlineDays),
  };
}

/** A rule row as `rules:list` returns it (only the fields read here). */
export interface RuleRowLike {
  platform: Platform;
  key: string;
  value: unknown;
  effective_from: Day;
  effective_to?: Day | null;
}

/** The exam deadline days (`exam.deadline_days`) in force on a day; the later `effective_from` wins; default 7. */
export function examDeadlineDays(
  rules: readonly RuleRowLike[],
  day: Day,
  platform: Platform = 'douyin',
): number {
  let best: RuleRowLike | null = null;
  for (const r of rules) {
    if (r.platform !== platform || r.key !== 'exam.deadline_days') continue;
    if (r.effective_from > day || (r.effective_to && r.effective_to < day)) continue;
    if (!best || r.effective_from >= best.effective_from) best = r;
  }
  const n = best ? Number(best.value) : NaN;
  return Number.isInteger(n) && n >= 0 ? n : EXAM_DEADLINE_DAYS;
}

/** `examSchedule` with N taken from the rule versions in force on the notice day (as the back end does). */
export function examScheduleFor(
  anyDayOfWeek: Day,
  rules: readonly RuleRowLike[],
  platform: Platform = 'douyin',
): ExamSchedule & { deadlineDays: number } {
  const notice = examSchedule(anyDayOfWeek).notice;
  const deadlineDays = examDeadlineDays(rules, notice, platform);
  return { ...examSchedule(anyDayOfWeek, deadlineDays), deadlineDays };
}
