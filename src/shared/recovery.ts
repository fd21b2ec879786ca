/**
 * Good-rate recovery count (metrics.md §4): how many more satisfied ratings bring S/T back to a target t = p/q.
 * Integers only, in BigInt, so large counts and exact thresholds never meet a float.
 */
import { scaledFromNumber } from './exact';

type Int = number | bigint;

function big(x: Int, name: string): bigint {
  if (typeof x === 'bigint') return x;
  if (!Number.isSafeInteger(x)) throw new RangeError(`${name} must be a safe integer, got ${x}`);
  return BigInt(x);
}

/**
 * The smallest n ≥ 0 with (S + n) / (T + n) ≥ p / q: `max(0, ceil((p·T − q·S) / (q − p)))`.
 * Returns null when no n can reach the target (t ≥ 100% while some ratings are not satisfied).
 * Check: S = 0, T = 1, t = 80/100 → 4 (one bad rating needs four good ones).
 */
export function recoveryCount(S: Int, T: Int, p: Int, q: Int): number | null {
  const s = big(S, 'S');
  const t = big(T, 'T');
  const pp = big(p, 'p');
  const qq = big(q, 'q');
  if (qq <= 0n || pp < 0n || s < 0n || t < 0n || s > t) throw new RangeError('recoveryCount: bad arguments');
  const need = pp * t - qq * s;
  if (need <= 0n) return 0;
  const room = qq - pp;
  if (room <= 0n) return null;
  // ceil for positive operands
  const n = (need + room - 1n) / room;
  return Number(n);
}

/** A threshold stored as a fraction (0.8) as an exact p/q (8/10), through its shortest decimal text. */
export function thresholdFraction(value: number): { p: number; q: number } | null {
  const s = scaledFromNumber(value);
  if (!s || s.n < 0) return null;
  return { p: s.n, q: s.d };
}

/**
 * Recovery count for a rate computed from integer counts against a `>=` threshold given as a fraction; null when the
 * counts are not integers (an approximate value) or the target cannot be reached.
 */
export function recoveryForRate(numerator: number, denominator: number, threshold: number): number | null {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) return null;
  if (numerator < 0 || denominator <= 0 || numerator > denominator) return null;
  const f = thresholdFraction(threshold);
  if (!f) return null;
  return recoveryCount(numerator, denominator, f.p, f.q);
}
