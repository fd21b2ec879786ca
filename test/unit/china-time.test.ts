import { describe, expect, it } from 'vitest';
import {
  addDays,
  chinaDateTime,
  chinaDay,
  chinaEpoch,
  daysInMonth,
  isoWeekday,
  monthEnd,
  addMonths,
  isDay,
} from '../../src/shared/china-time';

describe('China time, whatever the machine zone', () => {
  it('maps a China wall clock to epoch seconds and back', () => {
    // 2026-10-03 00:30 in China is 2026-10-02 16:30 UTC
    const t = chinaEpoch(2026, 10, 3, 0, 30, 0)!;
    expect(t).toBe(Date.UTC(2026, 9, 2, 16, 30) / 1000);
    expect(chinaDay(t)).toBe('2026-10-03');
    expect(chinaDateTime(t)).toBe('2026-10-03 00:30:00');
  });

  it('puts 23:59:59 and 00:00:00 on the right China days', () => {
    expect(chinaDay(chinaEpoch(2026, 10, 31, 23, 59, 59)!)).toBe('2026-10-31');
    expect(chinaDay(chinaEpoch(2026, 11, 1, 0, 0, 0)!)).toBe('2026-11-01');
  });

  it('does day arithmetic across the US DST change (2026-11-01) without drift', () => {
    expect(addDays('2026-10-31', 1)).toBe('2026-11-01');
    expect(addDays('2026-11-01', 1)).toBe('2026-11-02');
    expect(addDays('2026-03-07', 2)).toBe('2026-03-09');
  });

  it('rejects impossible dates', () => {
    expect(chinaEpoch(2026, 13, 40)).toBeNull();
    expect(chinaEpoch(2026, 2, 29)).toBeNull();
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
  });

  it('knows months and weekdays', () => {
    expect(daysInMonth('2026-02')).toBe(28);
    expect(monthEnd('2026-10')).toBe('2026-10-31');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(isoWeekday('2026-10-13')).toBe(1); // a Tuesday
  });
});
