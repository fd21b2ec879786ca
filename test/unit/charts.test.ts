import { describe, expect, it } from 'vitest';
import {
  compactDayRanges,
  dayLabel,
  formatUnit,
  hasData,
  sparklineOption,
  thresholdLabel,
  toUnit,
  trendOption,
  trimNulls,
  type ChartPoint,
} from '../../src/shared/charts';

const DAYS = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05'];

describe('trend chart option', () => {
  const option = trendOption({
    days: DAYS,
    unit: 'percent',
    series: [
      {
        name: '3分钟人工回复率',
        values: [null, null, 49 / 65, 0.8, null],
        threshold: { op: '>=', value: 0.8 },
      },
      { name: '好评率', values: [null, 0.9, null, null, 0.95], threshold: { op: '>=', value: 0.8 } },
    ],
  });

  it('shows days as MM-DD on the x axis', () => {
    expect(option.xAxis.data).toEqual(['10-01', '10-02', '10-03', '10-04', '10-05']);
  });

  it('keeps days without data as gaps, never as 0, and does not bridge them', () => {
    const s = option.series[0]!;
    expect(s.connectNulls).toBe(false);
    expect(s.data[0]).toBeNull();
    expect(s.data[1]).toBeNull();
    expect(s.data[4]).toBeNull();
    expect(s.data).not.toContain(0);
  });

  it('shows rates as percentages with two decimals', () => {
    expect(option.series[0]!.data.slice(2, 4)).toEqual([75.38, 80]);
    expect(option.yAxis.axisLabel?.formatter).toBe('{value}%');
    expect(option.tooltip?.valueFormatter?.(75.38)).toBe('75.38%');
    expect(option.tooltip?.valueFormatter?.(null)).toBe('无数据');
    expect(option.tooltip?.valueFormatter?.('-')).toBe('无数据');
  });

  it('gives a lone day a visible dot', () => {
    const good = option.series[1]!;
    expect(good.data[1]).toEqual<ChartPoint>({ value: 90, symbol: 'circle', symbolSize: 7 });
    expect(good.data[4]).toEqual<ChartPoint>({ value: 95, symbol: 'circle', symbolSize: 7 });
  });

  it('draws a shared threshold once, as a labelled dashed markLine', () => {
    const lines = option.series.filter((s) => s.markLine);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.markLine).toMatchObject({
      data: [{ yAxis: 80 }],
      label: { formatter: '考核线 ≥ 80.00%' },
      lineStyle: { type: 'dashed' },
    });
  });

  it('draws different thresholds in their series colour', () => {
    const o = trendOption({
      days: DAYS,
      unit: 'percent',
      series: [
        { name: 'a', values: [0.7, 0.72, null, null, null], threshold: { op: '>=', value: 0.7 } },
        { name: 'b', values: [0.9, 0.91, null, null, null], threshold: { op: '>=', value: 0.8 } },
      ],
    });
    expect(o.series.map((s) => s.markLine?.data[0]?.yAxis)).toEqual([70, 80]);
    expect(o.series[0]!.markLine!.label.formatter).toBe('≥ 70.00%');
    expect(o.series[0]!.markLine!.lineStyle.color).toBe(o.series[0]!.itemStyle!.color);
  });

  it('starts the percent axis below the lowest value or threshold and ends at 100%', () => {
    expect(option.yAxis.min).toBe(70);
    expect(option.yAxis.max).toBe(100);
    const low = trendOption({
      days: DAYS,
      unit: 'percent',
      series: [{ name: 'x', values: [0.31, null, null, null, null] }],
    });
    expect(low.yAxis.min).toBe(20);
  });

  it('a series without a threshold has no markLine; a single series has no legend', () => {
    const o = trendOption({
      days: DAYS,
      unit: 'seconds',
      series: [{ name: '平均响应时长', values: [20.04, null, 31.26, null, null] }],
    });
    expect(o.series[0]!.markLine).toBeUndefined();
    expect(o.legend?.show).toBe(false);
    expect(o.series[0]!.data[2]).toEqual({ value: 31.3, symbol: 'circle', symbolSize: 7 });
    expect(o.yAxis.min).toBe(0);
  });

  it('is plain data: JSON round-trips everything but the tooltip formatter', () => {
    const { tooltip: _t, ...rest } = option;
    expect(JSON.parse(JSON.stringify(rest))).toEqual(rest);
  });
});

describe('sparkline option', () => {
  it('shows only the days that have data, with gaps inside kept', () => {
    const o = sparklineOption({ values: [null, null, 0.9, 0.5, null, 0.8, null], unit: 'percent' });
    expect(o.series[0]!.data).toEqual([90, 50, null, { value: 80, symbol: 'circle', symbolSize: 4 }]);
    expect(o.xAxis.show).toBe(false);
    expect(o.yAxis.show).toBe(false);
    expect(o.tooltip?.show).toBe(false);
  });

  it('keeps the threshold in range and draws it faintly', () => {
    const o = sparklineOption({ values: [0.9, 0.95], unit: 'percent', threshold: { op: '>=', value: 0.8 } });
    expect(o.yAxis.min!).toBeLessThan(80);
    expect(o.yAxis.max!).toBeGreaterThan(95);
    expect(o.series[0]!.markLine).toMatchObject({ data: [{ yAxis: 80 }], label: { show: false } });
  });

  it('does not collapse a flat line to zero height', () => {
    const o = sparklineOption({ values: [0.8, 0.8], unit: 'percent' });
    expect(o.yAxis.max! - o.yAxis.min!).toBeGreaterThan(0);
  });
});

describe('helpers', () => {
  it('converts units', () => {
    expect(toUnit(0.81234, 'percent')).toBe(81.23);
    expect(toUnit(null, 'percent')).toBeNull();
    expect(toUnit(Number.NaN, 'seconds')).toBeNull();
    expect(toUnit(12.345, 'seconds')).toBe(12.3);
    expect(formatUnit(12.3, 'seconds')).toBe('12.3秒');
    expect(thresholdLabel({ op: '<=', value: 0.06 }, 'percent')).toBe('≤ 6.00%');
    expect(dayLabel('2026-10-03')).toBe('10-03');
    expect(hasData([null, null])).toBe(false);
    expect(hasData([null, 0])).toBe(true);
    expect(trimNulls([null, 1, null, 2, null])).toEqual({ start: 1, values: [1, null, 2] });
  });

  it('compacts missing days into ranges, across month ends', () => {
    expect(
      compactDayRanges(['2026-10-02', '2026-10-01', '2026-10-05', '2026-10-06', '2026-10-07', '2026-10-09']),
    ).toEqual(['10-01~10-02', '10-05~10-07', '10-09']);
    expect(compactDayRanges(['2026-09-30', '2026-10-01'])).toEqual(['09-30~10-01']);
    expect(compactDayRanges([])).toEqual([]);
  });
});
