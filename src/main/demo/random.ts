/**
 * Seeded randomness for the demo and the benchmark. Every stream is keyed by a string (month, account, day…), so
 * one account's numbers never shift when another account or day is added, and two runs give the same bytes.
 */

/** FNV-1a: turns a key into a 32-bit seed. */
function seedOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast and good enough for plausible-looking numbers (never for anything secret). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Rng {
  /** [0, 1) */
  next(): number;
  /** [min, max) */
  float(min: number, max: number): number;
  /** [min, max] */
  int(min: number, max: number): number;
  /** Roughly normal (sum of uniforms), mean 0, standard deviation sd. */
  gauss(sd: number): number;
  chance(p: number): boolean;
  /** How many of n independent trials succeed with probability p. */
  binomial(n: number, p: number): number;
}

export function rng(key: string): Rng {
  const next = mulberry32(seedOf(key));
  const r: Rng = {
    next,
    float: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor((max - min + 1) * next()),
    gauss: (sd) => (next() + next() + next() + next() - 2) * sd * Math.sqrt(3),
    chance: (p) => next() < p,
    binomial: (n, p) => {
      let k = 0;
      for (let i = 0; i < n; i++) if (next() < p) k++;
      return k;
    },
  };
  return r;
}

export function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}
