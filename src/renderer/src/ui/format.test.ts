import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatFraction,
  formatDateTime,
  formatMoney,
  formatPeriod,
  formatPeriodShort,
  formatPoints,
  formatScore,
  formatWait,
  metricDelta,
  shortPercent,
  stageZh,
} from './format';

describe('renderer formatting', () => {
  it('shows waits as the lead says them, and no reply as 未回复', () => {
    expect(formatWait(192)).toBe('3分12秒');
    expect(formatWait(45)).toBe('45秒');
    expect(formatWait(3723)).toBe('1小时2分3秒');
    expect(formatWait(null)).toBe('未回复');
  });

  it('rounds scores half away from zero to two decimals (kpi.md §3), and shows none as —', () => {
    expect(formatScore(53.785)).toBe('53.79');
    expect(formatScore(96)).toBe('96.00');
    expect(formatScore(null)).toBe('—');
    expect(formatPoints(6)).toBe('6');
    expect(formatPoints(2.345)).toBe('2.35');
  });

  it('prints counts with separators, money in yuan with two decimals, and import times in China time', () => {
    expect(formatCount(1718)).toBe('1,718');
    expect(formatCount(undefined)).toBe('—');
    // a numerator rebuilt from a rate is not a count: whole numbers, and the pair says it is approximate
    expect(formatCount(2561.35)).toBe('2,561');
    expect(formatFraction(2246.11, 2423)).toBe('约 2,246/2,423');
    expect(formatFraction(1718, 20969)).toBe('1,718/20,969');
    expect(formatFraction(null, 5)).toBe('—/5');
    expect(formatMoney(516261.95)).toBe('¥516,261.95');
    // 2026-11-19 18:30 UTC is 11-20 02:30 in China
    expect(formatDateTime('2026-11-19T18:30:00Z')).toBe('2026-11-20 02:30:00');
    expect(formatDateTime('2026-11-20 10:00:03')).toBe('2026-11-20 10:00:03');
    expect(formatPeriod('2026-10-01', '2026-10-31')).toBe('2026-10-01 ~ 2026-10-31');
    expect(formatPeriod('2026-10-03', '2026-10-03')).toBe('2026-10-03');
    expect(formatPeriodShort('2026-10-01', '2026-10-31')).toBe('2026-10-01 ~ 10-31');
    expect(formatPeriodShort('2026-12-29', '2027-01-04')).toBe('2026-12-29 ~ 2027-01-04');
    expect(formatPeriodShort('2026-10-03', '2026-10-03')).toBe('2026-10-03');
    expect(shortPercent(0.825)).toBe('82.5%');
  });

  it('says a month-over-month change in points for rates, good or bad by the metric direction', () => {
    // 3-minute rate 69.55% from 72.10%: down 2.55 points, worse
    expect(metricDelta('reply_3min_rate', 0.6955, 0.721)).toEqual({
      text: '▼ 2.55pp',
      tone: 'bad',
      title: '较上月（72.10%）下降 2.55 个百分点，变差',
    });
    // a faster average response is good
    expect(metricDelta('avg_response_s', 23.7, 30.2)?.tone).toBe('good');
    expect(metricDelta('avg_response_s', 23.7, 30.2)?.text).toBe('▼ 6.5秒');
    expect(metricDelta('reply_3min_rate', 0.8, 0.8)?.text).toBe('持平');
    expect(metricDelta('reply_3min_rate', null, 0.8)).toBeNull();
  });

  it('names every import stage in Chinese, including ones it does not know', () => {
    expect(stageZh('import')).toBe('导入文件');
    expect(stageZh('recalc')).toBe('重新计算');
    expect(stageZh('some_new_stage')).toBe('处理中');
  });
});
