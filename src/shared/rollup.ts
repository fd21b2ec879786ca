/**
 * Roll-ups from per-agent export facts (metrics.md §0, §5): every metric is a numerator over a denominator built
 * from counts; rates given as percentages are turned back into counts with exact integer rounding, and a period's
 * value is Σnumerators / Σdenominators — never a mean of daily rates.
 */
import type { Platform } from './domain';
import { compareFractions, roundMul, toNumber, type Scaled } from './exact';
import { METRICS, SMALL_SAMPLE_MIN, type MetricId, type SampleUnit } from './metrics';
import type { MetricStatus, MetricValue, Threshold } from './report';

/** One period row's part of a metric. `den === null` marks a plain sum (counts, money). */
export interface Contribution {
  num: number;
  den: number | null;
  approximate: boolean;
  unit: SampleUnit | null;
}

/** field → exact value (null = no data). Absent fields were not in the file. */
export type FieldValues = ReadonlyMap<string, Scaled | null>;

const v = (f: FieldValues, k: string): Scaled | null | undefined => f.get(k);

function count(f: FieldValues, k: string): number | null {
  const x = v(f, k);
  return x ? toNumber(x) : null;
}

/** The first present field of a preference list (the newest definition first). */
function firstPresent(f: FieldValues, keys: string[]): string | null {
  return keys.find((k) => f.has(k)) ?? null;
}

/** Weight for session-weighted values: the session count of the layout, else served buyers (approximate). */
function weight(f: FieldValues): { w: number; exact: boolean } | null {
  for (const k of ['manual_sessions', 'reception_sessions', 'sessions']) {
    const w = count(f, k);
    if (w !== null) return { w, exact: true };
  }
  const b = count(f, 'served_buyers_w');
  return b === null ? null : { w: b, exact: false };
}

function rateOf(f: FieldValues, rateKey: string, base: number | null, unit: SampleUnit, exact = true): Contribution | null {
  const r = v(f, rateKey);
  if (!r || base === null) return null;
  return { num: roundMul(base, r), den: base, approximate: !exact, unit };
}

/** A platform mean or rate times its weight: not exact, the platform already rounded it (metrics.md §5 "no"). */
function weighted(f: FieldValues, key: string | null, unit: SampleUnit): Contribution | null {
  if (!key) return null;
  const x = v(f, key);
  const w = weight(f);
  if (!x || !w) return null;
  return { num: toNumber(x) * w.w, den: w.w, approximate: true, unit };
}

function sum(f: FieldValues, key: string): Contribution | null {
  const x = v(f, key);
  return x ? { num: toNumber(x), den: null, approximate: false, unit: null } : null;
}

function ratio(f: FieldValues, numKey: string, denKey: string, unit: SampleUnit | null): Contribution | null {
  const n = count(f, numKey);
  const d = count(f, denKey);
  if (n === null || d === null) return null;
  return { num: n, den: d, approximate: false, unit };
}

/** The metric contributions of one period row of one account. */
export function contributions(platform: Platform, f: FieldValues): Map<MetricId, Contribution> {
  const out = new Map<MetricId, Contribution>();
  const put = (id: MetricId, c: Contribution | null): void => {
    if (c) out.set(id, c);
  };
  const sessions = count(f, 'manual_sessions');

  if (platform === 'douyin') {
    // classic layout: the session-based rate over 人工已接待会话量
    const r3 = rateOf(f, 'reply_3min_rate_session', sessions, 'sessions');
    put('reply_3min_rate', r3 ?? (f.has('reply_3min_rate_session') ? null : rateOf(f, 'reply_3min_rate_person', sessions, 'sessions', false)));
  }
  put('first_response_s', weighted(f, firstPresent(f, ['first_response_s']), 'sessions'));
  put('avg_response_s', weighted(f, firstPresent(f, ['avg_response_s_new', 'avg_response_s']), 'sessions'));
  // a good rate given only as a percentage: v × sessions, unrounded and approximate (metrics.md §5)
  put('good_rate', weighted(f, f.has('satisfaction_rate') ? 'satisfaction_rate' : null, 'ratings'));
  put('conversion_rate', ratio(f, 'paying_buyers', 'inquirers', 'inquirers'));
  put('sales_amount', sum(f, 'sales_amount'));
  const sales = count(f, 'sales_amount');
  const paying = count(f, 'paying_buyers');
  if (sales !== null && paying !== null) out.set('avg_order_value', { num: sales, den: paying, approximate: false, unit: null });
  put('served_buyers', sum(f, 'manual_buyers'));
  put('sessions', sum(f, 'manual_sessions'));
  put('online_hours', sum(f, 'online_hours'));
  const hours = count(f, 'online_hours');
  if (sessions !== null && hours !== null) out.set('sessions_per_hour', { num: sessions, den: hours, approximate: false, unit: null });
  return out;
}

/** Adds contributions; null when nothing contributed. */
export function addContributions(list: Contribution[]): Contribution | null {
  if (list.length === 0) return null;
  const first = list[0]!;
  let num = 0;
  let den: number | null = first.den === null ? null : 0;
  let approximate = false;
  for (const c of list) {
    num += c.num;
    if (den !== null && c.den !== null) den += c.den;
    approximate ||= c.approximate;
  }
  // money sums of decimals: keep cents exact
  return { num: Math.round(num * 1e6) / 1e6, den, approximate, unit: first.unit };
}

export interface MetricContext {
  threshold: Threshold | null;
  status: MetricStatus | null;
  minSample?: number;
}

export function emptyMetric(threshold: Threshold | null): MetricValue {
  return { value: null, numerator: null, denominator: null, approximate: false, small_sample: false, threshold, pass: null, status: null };
}

/** Does a value meet a threshold? Rates compare exactly by cross-multiplication. */
export function meets(num: number, den: number | null, t: Threshold): boolean {
  const [p, q] = thresholdFraction(t.value);
  const c = den === null ? compareFractions(num, 1, p, q) : compareFractions(num, den, p, q);
  return t.op === '>=' ? c >= 0 : c <= 0;
}

/** A threshold as an exact fraction (0.8 → 8/10). */
function thresholdFraction(x: number): [number, number] {
  const s = String(x);
  const dot = s.indexOf('.');
  if (dot < 0 || /e/i.test(s)) return [x, 1];
  const decimals = s.length - dot - 1;
  return [Math.round(x * 10 ** decimals), 10 ** decimals];
}

/** A contribution → the reported MetricValue (value, flags, threshold test). */
export function toMetricValue(id: MetricId, c: Contribution | null, ctx: MetricContext): MetricValue {
  if (!c) return emptyMetric(ctx.threshold);
  const value = c.den === null ? c.num : c.den > 0 ? c.num / c.den : null;
  const min = ctx.minSample ?? (c.unit ? SMALL_SAMPLE_MIN[c.unit] : 0);
  const small = c.den !== null && c.unit !== null && value !== null && c.den < min;
  const pass = value === null || !ctx.threshold ? null : meets(c.num, c.den === null ? null : c.den, ctx.threshold);
  return {
    value,
    numerator: c.num,
    denominator: c.den,
    approximate: c.approximate,
    small_sample: small,
    threshold: ctx.threshold,
    pass,
    status: value === null && METRICS[id].kind !== 'count' ? null : ctx.status,
  };
}
