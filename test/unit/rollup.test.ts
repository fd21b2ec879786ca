import { describe, expect, it } from 'vitest';
import type { Scaled } from '../../src/shared/exact';
import { addContributions, contributions, meets, toMetricValue } from '../../src/shared/rollup';

const f = (o: Record<string, [number, number] | null>): Map<string, Scaled | null> =>
  new Map(Object.entries(o).map(([k, v]) => [k, v ? { n: v[0], d: v[1] } : null]));

describe('roll-ups from per-agent export facts', () => {
  it('reconstructs the douyin session rate as round(v × sessions) and sums counts, never averaging rates', () => {
    // 85.00% of 40 sessions = 34; 58.00% of 25 = 14.5 → 15; the mean of rates (71.5%) is the trap
    const a = contributions(
      'douyin',
      f({ manual_sessions: [40, 1], reply_3min_rate_session: [8500, 10000] }),
    ).get('reply_3min_rate')!;
    const b = contributions(
      'douyin',
      f({ manual_sessions: [25, 1], reply_3min_rate_session: [5800, 10000] }),
    ).get('reply_3min_rate')!;
    expect([a.num, a.den, b.num, b.den]).toEqual([34, 40, 15, 25]);
    const sum = addContributions([a, b])!;
    expect(sum.num / sum.den!).toBeCloseTo(49 / 65, 12);
    expect(sum.num / sum.den!).not.toBeCloseTo(0.715, 3);
  });

  it('adds nothing for a no-data cell (neither numerator nor denominator)', () => {
    const c = contributions(
      'douyin',
      f({
        manual_sessions: [25, 1],
        avg_response_s: null,
        avg_response_s_new: null,
        satisfaction_rate: null,
      }),
    );
    expect(c.has('avg_response_s')).toBe(false);
    expect(c.has('good_rate')).toBe(false);
    expect(c.get('sessions')!.num).toBe(25);
  });

  it('uses the newest response-time definition present in the file', () => {
    const c = contributions(
      'douyin',
      f({ manual_sessions: [40, 1], avg_response_s: [253, 10], avg_response_s_new: [286, 10] }),
    );
    expect(c.get('avg_response_s')).toEqual({ num: 28.6 * 40, den: 40, approximate: true, unit: 'sessions' });
  });

  it('flags small samples and tests thresholds exactly', () => {
    const small = toMetricValue(
      'reply_3min_rate',
      { num: 15, den: 25, approximate: false, unit: 'sessions' },
      { threshold: { op: '>=', value: 0.8 }, status: 'final' },
    );
    expect(small).toMatchObject({ value: 0.6, small_sample: true, pass: false });
    const edge = toMetricValue(
      'reply_3min_rate',
      { num: 32, den: 40, approximate: false, unit: 'sessions' },
      { threshold: { op: '>=', value: 0.8 }, status: 'final' },
    );
    expect(edge).toMatchObject({ value: 0.8, small_sample: false, pass: true });
    expect(meets(6, 1, { op: '<=', value: 6 })).toBe(true);
  });

  it('gives null, not 0%, for a zero denominator', () => {
    const v = toMetricValue(
      'conversion_rate',
      { num: 0, den: 0, approximate: false, unit: 'inquirers' },
      { threshold: null, status: 'final' },
    );
    expect(v.value).toBeNull();
    expect(v.pass).toBeNull();
  });
});
