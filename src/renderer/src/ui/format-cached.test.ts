import { describe, expect, it } from 'vitest';
import { formatMetric, METRICS, type MetricId } from '../../../shared/metrics';
import { formatCount, formatMoney } from './format';

/** What the formatters printed before they kept one Intl.NumberFormat each (toLocaleString per call). */
function oldMetric(id: MetricId, value: number): string {
  switch (METRICS[id].kind) {
    case 'money':
    case 'money_per':
      return `¥${value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    case 'count':
      return Math.round(value).toLocaleString('en-US');
    default:
      return formatMetric(id, value);
  }
}

const VALUES: number[] = [
  0,
  -0,
  0.004,
  0.005,
  0.015,
  0.125,
  0.5,
  -0.5,
  1,
  1.005,
  2.675,
  999.995,
  1000,
  1234.5,
  -1234.567,
  99999.999,
  1e6,
  12345678.9,
  -7e7,
  1e15,
  123456789012.345,
  Infinity,
  -Infinity,
];
for (let i = 0; i < 400; i++) VALUES.push(((Math.sin(i * 12.9898) * 43758.5453) % 1) * 10 ** (i % 9));

describe('cached number formats', () => {
  it('print money and counts exactly as toLocaleString did', () => {
    const ids = Object.keys(METRICS) as MetricId[];
    const money = ids.filter((id) => METRICS[id].kind === 'money' || METRICS[id].kind === 'money_per');
    const counts = ids.filter((id) => METRICS[id].kind === 'count');
    expect(money.length).toBeGreaterThan(0);
    expect(counts.length).toBeGreaterThan(0);
    for (const v of VALUES) {
      for (const id of [...money, ...counts]) expect(formatMetric(id, v)).toBe(oldMetric(id, v));
      expect(formatCount(v)).toBe(Math.round(v).toLocaleString('en-US'));
      expect(formatMoney(v)).toBe(
        `¥${v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
      );
    }
    expect(formatMetric(counts[0]!, 1234567.4)).toBe('1,234,567');
    expect(formatMoney(1234.5)).toBe('¥1,234.50');
  });
});
