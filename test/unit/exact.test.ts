import { describe, expect, it } from 'vitest';
import {
  compareFractions,
  fromPercent,
  parseDecimal,
  round2,
  roundMul,
  scaledFromNumber,
} from '../../src/shared/exact';

describe('exact decimals', () => {
  it('keeps a percentage as a scaled integer', () => {
    expect(fromPercent(parseDecimal('58.00')!)).toEqual({ n: 5800, d: 10000 });
    expect(parseDecimal('0.9971')).toEqual({ n: 9971, d: 10000 });
    expect(parseDecimal('12')).toEqual({ n: 12, d: 1 });
    expect(parseDecimal('abc')).toBeNull();
    expect(parseDecimal('.')).toBeNull();
  });

  it('rounds reconstructed counts half up in integers (25 × 58% = 14.5 → 15)', () => {
    expect(roundMul(25, { n: 5800, d: 10000 })).toBe(15);
    expect(roundMul(40, { n: 8500, d: 10000 })).toBe(34);
    // 0.145 × 100 is 14.499999… in floating point; exact arithmetic gives 14.5 → 15
    expect(roundMul(100, { n: 145, d: 1000 })).toBe(15);
    expect(roundMul(3, { n: 1, d: 2 })).toBe(2);
    expect(roundMul(0, { n: 9971, d: 10000 })).toBe(0);
  });

  it('compares fractions by cross-multiplication', () => {
    expect(compareFractions(4, 5, 8, 10)).toBe(0);
    expect(compareFractions(49, 65, 8, 10)).toBe(-1);
    expect(compareFractions(34, 40, 8, 10)).toBe(1);
  });

  it('reads JS numbers through their shortest decimal form', () => {
    expect(scaledFromNumber(0.1)).toEqual({ n: 1, d: 10 });
    expect(scaledFromNumber(28.6)).toEqual({ n: 286, d: 10 });
  });

  it('round2 is half away from zero', () => {
    expect(round2(89.995)).toBe(90);
    expect(round2(1.005)).toBe(1.01);
    expect(round2(-1.005)).toBe(-1.01);
  });
});
