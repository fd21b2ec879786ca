import { describe, expect, it } from 'vitest';
import type { RuleRow } from '../../../../shared/settings';
import { fromForm, keyInfo, keysFor, ruleValueText, statuses, toForm } from './rule-values';

const row = (
  id: number,
  from: string,
  to: string | null = null,
  key = 'threshold.reply_3min_rate',
): RuleRow => ({
  id,
  platform: 'douyin',
  key,
  value: { op: '>=', value: 0.8 },
  effective_from: from,
  effective_to: to,
  source: null,
  note: null,
});

describe('平台规则 values as the lead reads and types them', () => {
  it('writes a threshold, a window, a lag, a credit choice and a list in words', () => {
    expect(ruleValueText('threshold.reply_3min_rate', { op: '>=', value: 0.8 })).toBe('≥ 80.00%');
    expect(ruleValueText('threshold.bad_attitude_ratio', { op: '<=', value: 0.06 })).toBe('≤ 6.00%');
    expect(ruleValueText('window.service', { start: '08:00', end: '23:00' })).toBe('08:00–23:00');
    expect(ruleValueText('lag.final_days', 2)).toBe('D+2');
    expect(ruleValueText('fcr.final_days', 3)).toBe('D+3');
    expect(ruleValueText('orders.pay_window_days', 0)).toBe('0 天');
    expect(ruleValueText('orders.credit', 'last')).toBe('最后接待的客服');
    expect(ruleValueText('ratings.excluded_channels', [])).toBe('无');
    expect(ruleValueText('ratings.excluded_channels', ['系统推送', '商户邀请'])).toBe('系统推送、商户邀请');
    expect(ruleValueText('window.session_must_start_inside', true)).toBe('是');
  });

  it('tells today’s version of a key from the later, the ended and the overridden ones', () => {
    const rows = [
      row(1, '2000-01-01'),
      row(2, '2026-10-01'),
      row(3, '2027-01-01'),
      row(4, '2025-01-01', '2026-01-31'),
      // another key: its own winner
      row(5, '2000-01-01', null, 'lag.final_days'),
    ];
    const s = statuses(rows, '2026-11-20');
    expect([1, 2, 3, 4, 5].map((id) => s.get(id))).toEqual([
      'overridden',
      'current',
      'future',
      'expired',
      'current',
    ]);
    // on the day the later version ends, it still is today's
    expect(statuses([row(1, '2000-01-01'), row(2, '2026-10-01', '2026-11-20')], '2026-11-20').get(2)).toBe(
      'current',
    );
  });

  it('types a rate in percent and stores the fraction without float residue; 24:00 is the end of the day', () => {
    const info = keyInfo('threshold.reply_3min_rate');
    expect(toForm({ key: info.key, value: { op: '>=', value: 0.75 } })).toEqual({ op: '>=', amount: 75 });
    // 0.07 × 100 is 7.000000000000001 in floats: the form shows 7, the stored value is 0.07 again
    expect(toForm({ key: info.key, value: { op: '<=', value: 0.07 } })).toEqual({ op: '<=', amount: 7 });
    expect(fromForm(info, { op: '<=', amount: 7 })).toEqual({ op: '<=', value: 0.07 });
    expect(fromForm(info, { op: '>=', amount: 80.55 })).toEqual({ op: '>=', value: 0.8055 });
    // a duration threshold is in seconds as typed
    expect(fromForm(keyInfo('threshold.avg_response_s'), { op: '<=', amount: 30 })).toEqual({
      op: '<=',
      value: 30,
    });
    const win = keyInfo('window.service');
    const form = toForm({ key: win.key, value: { start: '08:00', end: '24:00' } });
    expect(form.endOfDay).toBe(true);
    expect(form.start?.format('HH:mm')).toBe('08:00');
    expect(fromForm(win, form)).toEqual({ start: '08:00', end: '24:00' });
  });

  it('offers the 3-minute window only on Taobao and the rating window only on Kuaishou', () => {
    const keys = (p: 'taobao' | 'kuaishou' | 'douyin'): string[] => keysFor(p, []).map((k) => k.key);
    expect(keys('taobao')).toContain('window.reply_3min');
    expect(keys('douyin')).not.toContain('window.reply_3min');
    expect(keys('kuaishou')).toContain('window.rating');
    expect(keys('taobao')).not.toContain('window.rating');
    // Douyin grades its 3-minute rate: the threshold is offered, named in Chinese
    expect(keysFor('douyin', []).find((k) => k.key === 'threshold.reply_3min_rate')?.zh).toBe(
      '3分钟人工回复率',
    );
  });
});
