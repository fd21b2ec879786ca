/**
 * Exact decimal arithmetic for numbers that came from text (metrics.md §0): `58.00%` is kept as 5800/10000, counts
 * reconstructed from a rate are rounded half up in integers, thresholds compare by cross-multiplication.
 */

/** value = n / d, with d a power of ten and n an integer. */
export interface Scaled {
  n: number;
  d: number;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Parses a plain decimal string exactly (`"58.00"` → 5800/100). Returns null for anything else. */
export function parseDecimal(text: string): Scaled | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const [, sign, int = '', frac = ''] = m;
  if (int === '' && frac === '') return null;
  const digits = (int + frac).replace(/^0+(?=\d)/, '');
  const n = Number(digits);
  if (!Number.isSafeInteger(n)) return null;
  const d = 10 ** frac.length;
  return { n: sign === '-' ? -n : n, d };
}

/** An exact Scaled from a JS number (through its shortest decimal representation). */
export function scaledFromNumber(x: number): Scaled | null {
  if (!Number.isFinite(x)) return null;
  let s = String(x);
  if (/e/i.test(s)) s = x.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
  return parseDecimal(s);
}

export function toNumber(s: Scaled): number {
  return s.n / s.d;
}

/** Divides by 100 exactly (a percent to a fraction). */
export function fromPercent(s: Scaled): Scaled {
  return { n: s.n, d: s.d * 100 };
}

/** round_half_up(N × s) in integers: `floor((N·n + d/2) / d)` (25 × 58% = 14.5 → 15). */
export function roundMul(count: number, s: Scaled): number {
  const num = BigInt(count) * BigInt(s.n) * 2n + BigInt(s.d);
  const den = 2n * BigInt(s.d);
  // floor for non-negative; rates and counts are never negative
  let q = num / den;
  if (num < 0n && num % den !== 0n) q -= 1n;
  return Number(q);
}

/** Compares a/b with p/q by cross-multiplication; b and q must be positive. Returns -1, 0 or 1. */
export function compareFractions(a: number, b: number, p: number, q: number): number {
  if (Number.isInteger(a) && Number.isInteger(b) && Number.isInteger(p) && Number.isInteger(q)) {
    const l = BigInt(a) * BigInt(q);
    const r = BigInt(p) * BigInt(b);
    return l < r ? -1 : l > r ? 1 : 0;
  }
  const l = a * q;
  const r = p * b;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** Half away from zero to 2 decimals, for grades, ranks and display (kpi.md §3). */
export function round2(x: number): number {
  const r = Math.round(Math.abs(x) * 100 + 1e-9) / 100;
  return x < 0 ? -r : r;
}
