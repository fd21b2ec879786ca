/**
 * ECharts option builders for the page per agent (architecture.md #7): the month-by-month trend of one metric
 * (the overview's line builder with months as categories) and of the final score with the rank on an inverted axis.
 */
import type { AgentTrendPoint } from './agent-page';
import {
  CHART_COLORS,
  formatUnit,
  trendOption,
  type ChartOption,
  type ChartUnit,
  type LineSeriesOption,
} from './charts';
import type { Platform } from './domain';
import { METRICS, type MetricId } from './metrics';
import type { Threshold } from './report';

export function chartUnitOf(metric: MetricId): ChartUnit {
  const kind = METRICS[metric].kind;
  return kind === 'rate' || kind === 'ratio' ? 'percent' : kind === 'duration' ? 'seconds' : 'plain';
}

/** `2026-10` → `26年10月`: short enough for 12 labels in a half-width card. */
export function monthLabel(month: string): string {
  return /^\d{4}-\d{2}$/.test(month) ? `${month.slice(2, 4)}年${Number(month.slice(5))}月` : month;
}

/** One metric of one platform over the trend's months; a month without data is a gap, the threshold a dashed line. */
export function agentMetricTrendOption(
  trend: readonly AgentTrendPoint[],
  platform: Platform,
  metric: MetricId,
  threshold: Threshold | null,
): ChartOption {
  const values = trend.map((t) => t.platforms.find((p) => p.platform === platform)?.values[metric] ?? null);
  const option = trendOption({
    days: trend.map((t) => monthLabel(t.month)),
    unit: chartUnitOf(metric),
    series: [{ name: METRICS[metric].zh, values, threshold }],
  });
  return { ...option, legend: { show: false } };
}

interface ScoreAxis {
  type: 'value';
  name: string;
  min?: number;
  max?: number;
  inverse?: boolean;
  minInterval?: number;
  position: 'left' | 'right';
  nameTextStyle: { color: string; fontSize: number };
  axisLabel: { color: string; fontSize: number };
  splitLine: { show: boolean; lineStyle: { color: string; type: 'dashed' } };
}

/** Final score (left axis, 0–100) and rank (right axis, 1 at the top) over the months. */
export interface ScoreTrendOption extends Omit<ChartOption, 'yAxis' | 'series'> {
  yAxis: ScoreAxis[];
  series: (LineSeriesOption & { yAxisIndex?: number })[];
}

export const SCORE_COLOR = CHART_COLORS[0]!;
export const RANK_COLOR = CHART_COLORS[2]!;

export function agentScoreTrendOption(
  trend: readonly AgentTrendPoint[],
  scheme: string,
  rankedOf: number,
): ScoreTrendOption {
  const of = (t: AgentTrendPoint): AgentTrendPoint['kpi'][number] | undefined =>
    t.kpi.find((k) => k.scheme === scheme);
  const finals = trend.map((t) => {
    const f = of(t)?.final;
    return f === null || f === undefined ? null : Math.round(f * 100) / 100;
  });
  const ranks = trend.map((t) => of(t)?.rank ?? null);
  const lone = (values: (number | null)[]): LineSeriesOption['data'] =>
    values.map((v, i) =>
      v !== null && (values[i - 1] ?? null) === null && (values[i + 1] ?? null) === null
        ? { value: v, symbolSize: 9 }
        : v,
    );
  const axisText = { color: '#667085', fontSize: 11 };
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 36, bottom: 4, containLabel: true },
    legend: {
      show: true,
      top: 0,
      left: 'center',
      itemWidth: 14,
      itemHeight: 8,
      textStyle: { fontSize: 12, color: '#475467' },
    },
    tooltip: {
      show: true,
      trigger: 'axis',
      valueFormatter: (v) => (typeof v === 'number' ? formatUnit(v, 'plain') : '无数据'),
    },
    xAxis: {
      type: 'category',
      data: trend.map((t) => monthLabel(t.month)),
      boundaryGap: true,
      axisTick: { show: false },
      axisLine: { show: true, lineStyle: { color: '#d0d5dd' } },
      axisLabel: { color: '#667085', fontSize: 11, interval: 0 },
    },
    yAxis: [
      {
        type: 'value',
        name: '得分',
        min: 0,
        max: 100,
        position: 'left',
        nameTextStyle: axisText,
        axisLabel: axisText,
        splitLine: { show: true, lineStyle: { color: '#eef0f4', type: 'dashed' } },
      },
      {
        type: 'value',
        name: '名次',
        min: 1,
        // the rank axis spans the team (at least 2 so a team of one still draws an axis)
        max: Math.max(2, rankedOf, ...ranks.filter((r): r is number => r !== null)),
        inverse: true,
        minInterval: 1,
        position: 'right',
        nameTextStyle: axisText,
        axisLabel: axisText,
        splitLine: { show: false, lineStyle: { color: '#eef0f4', type: 'dashed' } },
      },
    ],
    series: [
      {
        type: 'line',
        name: '综合得分',
        data: lone(finals),
        connectNulls: false,
        showSymbol: true,
        symbol: 'circle',
        symbolSize: 6,
        lineStyle: { width: 2, color: SCORE_COLOR },
        itemStyle: { color: SCORE_COLOR },
      },
      {
        type: 'line',
        name: '名次',
        data: lone(ranks),
        connectNulls: false,
        showSymbol: true,
        symbol: 'circle',
        symbolSize: 6,
        lineStyle: { width: 2, color: RANK_COLOR },
        itemStyle: { color: RANK_COLOR },
        yAxisIndex: 1,
      },
    ],
  };
}
