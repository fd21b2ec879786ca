import { describe, expect, it } from 'vitest';
import { chooseMonth, coveredDays, defaultMonth, monthZh, parseTypedMonth } from './month-choice';

const b = (
  from: string | null,
  to: string | null,
  status: 'active' | 'undone' = 'active',
  layout = 'daily',
) => ({
  period_from: from,
  period_to: to,
  status,
  layout,
});

describe('the app month', () => {
  it('counts the days of a month its imports cover, once each, inside the month only', () => {
    const batches = [
      b('2026-10-01', '2026-10-31'), // a monthly file
      b('2026-10-03', '2026-10-03'),
      b('2026-11-01', '2026-11-01'),
      b('2026-11-02', '2026-11-02'),
      b('2026-11-02', '2026-11-02'), // the same day again
      b('2026-11-03', '2026-11-03', 'undone'),
      b('2026-11-04', '2026-11-30', 'active', 'roster'),
      b('2026-09-28', '2026-11-01'), // spans months: counts only its November day
      b(null, null),
    ];
    expect(coveredDays('2026-10', batches)).toBe(31);
    expect(coveredDays('2026-11', batches)).toBe(2);
    expect(coveredDays('2026-12', batches)).toBe(0);
  });

  it('defaults to the latest month with a week of data, not the near-empty new month', () => {
    const oct = Array.from({ length: 20 }, (_, i) => b(`2026-10-${String(i + 1).padStart(2, '0')}`, null));
    const nov = [b('2026-11-01', '2026-11-01'), b('2026-11-02', '2026-11-02')];
    expect(defaultMonth(['2026-11', '2026-10'], [...oct, ...nov])).toBe('2026-10');
    // a week is enough
    const nov7 = Array.from({ length: 7 }, (_, i) => b(`2026-11-0${i + 1}`, null));
    expect(defaultMonth(['2026-10', '2026-11'], [...oct, ...nov7])).toBe('2026-11');
    // nothing meaningful anywhere: the latest month
    expect(defaultMonth(['2026-10', '2026-11'], nov)).toBe('2026-11');
    // no history (not loaded): the latest month
    expect(defaultMonth(['2026-10', '2026-11'], null)).toBe('2026-11');
    expect(defaultMonth([], [])).toBeNull();
  });

  it("shows the URL's month only when it has data, and says which month it refused", () => {
    expect(chooseMonth('2026-09', ['2026-09', '2026-10'], '2026-10')).toEqual({
      month: '2026-09',
      refused: null,
    });
    expect(chooseMonth('2026-12', ['2026-09', '2026-10'], '2026-10')).toEqual({
      month: '2026-10',
      refused: '2026-12',
    });
    expect(chooseMonth(null, ['2026-10'], '2026-10')).toEqual({ month: '2026-10', refused: null });
    expect(chooseMonth('2026-12', null, null)).toEqual({ month: null, refused: null });
  });

  it('reads a typed month the ways a lead types it', () => {
    expect(parseTypedMonth('2026年12月')).toBe('2026-12');
    expect(parseTypedMonth('2026年1月')).toBe('2026-01');
    expect(parseTypedMonth('2026-12')).toBe('2026-12');
    expect(parseTypedMonth('2026/3')).toBe('2026-03');
    expect(parseTypedMonth('202612')).toBe('2026-12');
    expect(parseTypedMonth('2026年13月')).toBeNull();
    expect(parseTypedMonth('十月')).toBeNull();
    expect(monthZh('2026-01')).toBe('2026年1月');
  });
});
