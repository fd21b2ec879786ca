import { describe, expect, it } from 'vitest';
import {
  aboveLimit,
  attitudeTrendOption,
  examDeadlineDays,
  examSchedule,
  examScheduleFor,
  examWeekLabel,
  fractionPercent,
  fractionText,
  fractionValue,
  limitPercent,
  reachesThreshold,
  weekdayZh,
} from '../../src/shared/charts-events';
import type { ChartPoint } from '../../src/shared/charts';

const DAYS = [
  '2026-10-01',
  '2026-10-02',
  '2026-10-03',
  '2026-10-04',
  '2026-10-05',
  '2026-10-06',
  '2026-10-07',
];

describe('bad-attitude trend option', () => {
  // the shop: no mid/low rating before 10-03, 10-07 is after the as-of day
  const option = attitudeTrendOption({
    days: DAYS,
    limit: 0.06,
    series: [
      { name: '快乐小店', values: [null, null, 2 / 3, 2 / 3, 0.5, 0.04, null] },
      { name: '快乐小店:小美', values: [null, null, null, 0.5, null, null, null] },
    ],
  });
  const [shop, account] = option.series;

  it('shows days as MM-DD', () => {
    expect(option.xAxis.data).toEqual(['10-01', '10-02', '10-03', '10-04', '10-05', '10-06', '10-07']);
  });

  it('keeps days without a value as gaps: null, not 0, and not bridged', () => {
    expect(shop!.connectNulls).toBe(false);
    expect(shop!.data[0]).toBeNull();
    expect(shop!.data[1]).toBeNull();
    expect(shop!.data[6]).toBeNull();
    expect(shop!.data).not.toContain(0);
  });

  it('shows ratios as percentages with two decimals and a % axis', () => {
    expect(shop!.data.slice(2, 6)).toEqual([66.67, 66.67, 50, 4]);
    expect(option.yAxis.axisLabel?.formatter).toBe('{value}%');
    expect(option.yAxis.min).toBe(0);
    expect(option.yAxis.max).toBe(70);
    expect(option.tooltip?.valueFormatter?.(66.67)).toBe('66.67%');
    expect(option.tooltip?.valueFormatter?.(null)).toBe('无数据');
  });

  it('draws the 6% line once, on the main series, as a red dashed markLine labelled 红线 6%', () => {
    expect(shop!.markLine).toMatchObject({
      data: [{ yAxis: 6 }],
      lineStyle: { type: 'dashed', color: '#d92d20' },
      label: { show: true, formatter: '红线 6%' },
    });
    expect(account!.markLine).toBeUndefined();
  });

  it('gives a lone day a visible dot and shows a legend for several lines', () => {
    expect(account!.data[3]).toEqual<ChartPoint>({ value: 50, symbol: 'circle', symbolSize: 6 });
    expect(option.legend?.show).toBe(true);
  });

  it('keeps the red line off the floor when every value is low, and never goes past 100%', () => {
    const low = attitudeTrendOption({
      days: DAYS.slice(0, 2),
      limit: 0.06,
      series: [{ name: 's', values: [0, 0.01] }],
    });
    expect(low.yAxis.max).toBe(20);
    expect(low.series[0]!.data).toEqual([0, 1]);
    expect(low.legend?.show).toBe(false);
    const high = attitudeTrendOption({
      days: DAYS.slice(0, 1),
      limit: 0.06,
      series: [{ name: 's', values: [1] }],
    });
    expect(high.yAxis.max).toBe(100);
  });

  it('draws an empty month as all gaps, not as zeros', () => {
    const none = attitudeTrendOption({ days: DAYS, limit: 0.06, series: [{ name: 's', values: [] }] });
    expect(none.series[0]!.data).toEqual(DAYS.map(() => null));
  });
});

describe('fractions and limits', () => {
  it('formats a numerator over a denominator as a percentage with two decimals, and no data as —', () => {
    expect(fractionPercent({ num: 2, den: 3 })).toBe('66.67%');
    expect(fractionPercent({ num: 1, den: 2 })).toBe('50.00%');
    expect(fractionPercent({ num: 0, den: 1 })).toBe('0.00%');
    expect(fractionPercent(null)).toBe('—');
    expect(fractionPercent({ num: 0, den: 0 })).toBe('—');
    expect(fractionText({ num: 2, den: 4 })).toBe('2/4');
    expect(fractionText(null)).toBe('—');
    expect(fractionValue({ num: 1, den: 4 })).toBe(0.25);
  });

  it('compares with the 6% line exactly: 3/50 is on the line, 4/50 above', () => {
    expect(aboveLimit({ num: 3, den: 50 }, 0.06)).toBe(false);
    expect(aboveLimit({ num: 4, den: 50 }, 0.06)).toBe(true);
    expect(aboveLimit({ num: 0, den: 1 }, 0.06)).toBe(false);
    expect(aboveLimit(null, 0.06)).toBeNull();
  });

  it('compares a good rate with its threshold exactly: 4/5 reaches 80%, 2/4 does not', () => {
    expect(reachesThreshold({ num: 4, den: 5 }, 0.8)).toBe(true);
    expect(reachesThreshold({ num: 2, den: 4 }, 0.8)).toBe(false);
    expect(reachesThreshold({ num: 2, den: 4 }, null)).toBeNull();
  });

  it('labels a limit as a short percent', () => {
    expect(limitPercent(0.06)).toBe('6%');
    expect(limitPercent(0.055)).toBe('5.5%');
    expect(limitPercent(0.8)).toBe('80%');
  });
});

describe('exam-warning calendar', () => {
  it('labels the reviewed natural week Monday–Sunday', () => {
    expect(examWeekLabel('2026-10-19')).toBe('10-19~10-25');
    // any day of the week gives its Monday–Sunday
    expect(examWeekLabel('2026-10-28')).toBe('10-26~11-01');
  });

  it('derives the week, the notice Tuesday and the deadline from any day of the week', () => {
    // Wednesday 11-18 → week 11-16…11-22, notice Tuesday 11-24, deadline 12-01
    expect(examSchedule('2026-11-18')).toEqual({
      weekStart: '2026-11-16',
      weekEnd: '2026-11-22',
      notice: '2026-11-24',
      deadline: '2026-12-01',
    });
    // a Sunday belongs to the week that ends on it
    expect(examSchedule('2026-10-25').weekStart).toBe('2026-10-19');
    expect(examSchedule('2026-10-25', 5).deadline).toBe('2026-11-01');
    expect(weekdayZh('2026-11-24')).toBe('周二');
  });

  it('takes N from the rule version in force on the notice day, else 7', () => {
    const rules = [
      {
        platform: 'douyin' as const,
        key: 'exam.deadline_days',
        value: 7,
        effective_from: '2000-01-01',
        effective_to: null,
      },
      {
        platform: 'douyin' as const,
        key: 'exam.deadline_days',
        value: 5,
        effective_from: '2026-11-20',
        effective_to: null,
      },
      { platform: 'kuaishou' as const, key: 'exam.deadline_days', value: 3, effective_from: '2000-01-01' },
    ];
    expect(examDeadlineDays(rules, '2026-11-10')).toBe(7);
    expect(examDeadlineDays(rules, '2026-11-24')).toBe(5);
    expect(examDeadlineDays([], '2026-11-24')).toBe(7);
    // week of 11-16: the notice (11-24) falls under the newer version
    expect(examScheduleFor('2026-11-18', rules)).toMatchObject({
      notice: '2026-11-24',
      deadline: '2026-11-29',
      deadlineDays: 5,
    });
    expect(examScheduleFor('2026-11-04', rules)).toMatchObject({
      notice: '2026-11-10',
      deadline: '2026-11-17',
      deadlineDays: 7,
    });
  });
});
