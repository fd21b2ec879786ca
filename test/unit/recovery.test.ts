import { describe, expect, it } from 'vitest';
import { recoveryCount, recoveryForRate, thresholdFraction } from '../../src/shared/recovery';

describe('good-rate recovery count (metrics.md §4)', () => {
  it('one bad rating needs four good ones to get back to 80%', () => {
    expect(recoveryCount(0, 1, 80, 100)).toBe(4);
    // (0 + 4) / (1 + 4) = 80% exactly: the boundary counts as reached
    expect((0 + 4) / (1 + 4)).toBe(0.8);
  });

  it('19 of 24 needs exactly one more: (19 + 1) / (24 + 1) = 0.8', () => {
    expect(recoveryCount(19, 24, 80, 100)).toBe(1);
    expect(recoveryCount(19, 24, 4, 5)).toBe(1);
  });

  it('is 0 when the rate is already at or above the target', () => {
    expect(recoveryCount(8, 10, 80, 100)).toBe(0);
    expect(recoveryCount(9, 10, 80, 100)).toBe(0);
    expect(recoveryCount(0, 0, 80, 100)).toBe(0);
  });

  it('is the smallest n: n − 1 is not enough', () => {
    for (const [S, T, p, q] of [
      [59, 70, 9, 10],
      [3, 17, 80, 100],
      [1234, 1999, 8125, 10000],
    ] as const) {
      const n = recoveryCount(S, T, p, q)!;
      expect((S + n) * q).toBeGreaterThanOrEqual(p * (T + n));
      expect((S + n - 1) * q).toBeLessThan(p * (T + n - 1));
    }
  });

  it('returns null when a 100% target cannot be reached', () => {
    expect(recoveryCount(9, 10, 1, 1)).toBeNull();
    expect(recoveryCount(10, 10, 1, 1)).toBe(0);
  });

  it('stays exact beyond 2^53 with BigInt inputs', () => {
    const T = 10n ** 18n;
    expect(recoveryCount(0n, T, 80n, 100n)).toBe(Number(4n * T));
  });

  it('refuses non-integers instead of rounding them', () => {
    expect(() => recoveryCount(1.5, 3, 80, 100)).toThrow(RangeError);
    expect(recoveryForRate(124.924, 140, 0.8)).toBeNull();
  });

  it('reads a stored threshold fraction exactly', () => {
    expect(thresholdFraction(0.8)).toEqual({ p: 8, q: 10 });
    expect(thresholdFraction(0.8125)).toEqual({ p: 8125, q: 10000 });
    // 0.7 is not exactly representable in binary, but its shortest decimal is
    expect(recoveryForRate(0, 3, 0.7)).toBe(7);
    expect(recoveryForRate(59, 70, 0.9)).toBe(40);
  });
});
