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

/** Session-count fields of the layouts, in the order metrics.md §5 names them. */
const SESSION_FIELDS = ['manual_sessions', 'reception_sessions', 'manual_reception_sessions', 'jd_reception'];

/** Weight for platform means and rate-only values: the layout's session count, else served buyers (not exact). */
function weight(f: FieldValues): { w: number; exact: boolean } | null {
  for (const k of SESSION_FIELDS) {
    const w = count(f, k);
    if (w !== null) return { w, exact: true };
  }
  const b = count(f, 'reception_buyers');
  return b === null ? null : { w: b, exact: false };
}

/** A rate turned back into a count: round(v × base), exact when the base is the rate's own denominator. */
function rateOf(
  f: FieldValues,
  rateKey: string,
  base: number | null,
  unit: SampleUnit,
  exact = true,
): Contribution | null {
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

function sum(f: FieldValues, key: string, approximate = false): Contribution | null {
  const x = v(f, key);
  return x ? { num: toNumber(x), den: null, approximate, unit: null } : null;
}

function ratio(f: FieldValues, numKey: string, denKey: string, unit: SampleUnit | null): Contribution | null {
  const n = count(f, numKey);
  const d = count(f, denKey);
  if (n === null || d === null) return null;
  return { num: n, den: d, approximate: false, unit };
}

function approx(c: Contribution | null): Contribution | null {
  return c && { ...c, approximate: true };
}

/** Credited order lines (促成订单, 魔方): exact, unless part was credited by the system's inference (推算). */
function credited(f: FieldValues): Contribution | null {
  const exact = v(f, 'credited_sales');
  if (exact === undefined) return null;
  const inferred = v(f, 'credited_sales_inferred');
  const inferredNum = inferred ? toNumber(inferred) : 0;
  return {
    num: (exact ? toNumber(exact) : 0) + inferredNum,
    den: null,
    approximate: inferredNum !== 0,
    unit: null,
  };
}

function firstOf(...cs: (Contribution | null)[]): Contribution | null {
  return cs.find((c) => c !== null) ?? null;
}

/** The 3-minute rate from each platform's summary columns (metrics.md §5 table). */
function reply3min(platform: Platform, f: FieldValues): Contribution | null {
  switch (platform) {
    case 'douyin':
      return firstOf(
        // a count the lead mapped as what it is (3分钟回复会话数) is the numerator itself
        ratio(f, 'reply_3min_sessions', 'manual_sessions', 'sessions'),
        ratio(f, 'reply_3min_sessions', 'reception_sessions', 'sessions'),
        rateOf(f, 'reply_3min_rate_session', count(f, 'manual_sessions'), 'sessions'),
        rateOf(f, 'reply_3min_rate_work', count(f, 'reception_sessions'), 'sessions'),
        // the person-based column only when the file has no session-based one
        f.has('reply_3min_rate_session')
          ? null
          : rateOf(f, 'reply_3min_rate_person', count(f, 'manual_sessions'), 'sessions', false),
      );
    case 'kuaishou': {
      const asked = count(f, 'consulted_buyers');
      const late = count(f, 'unreplied_3min_buyers');
      if (asked !== null && late !== null)
        return { num: asked - late, den: asked, approximate: false, unit: 'buyers' };
      return firstOf(
        ratio(f, 'reply_3min_buyers', 'consulted_buyers', 'buyers'),
        rateOf(f, 'reply_3min_rate_manual', asked, 'buyers'),
        // 客服_考核数据 (人维度/会话): the person-based rate over 咨询人数, not exactly its own base → approximate;
        // the 会话 column is a different rule and never stands in for it
        asked === null ? approx(ratio(f, 'reply_3min_buyers', 'consult_buyers', 'buyers')) : null,
        asked === null
          ? rateOf(f, 'ks_reply_3min_rate_person', count(f, 'consult_buyers'), 'buyers', false)
          : null,
      );
    }
    case 'taobao': {
      const sessions = count(f, 'manual_reception_sessions');
      const counted = ratio(f, 'reply_3min_sessions', 'manual_reception_sessions', 'sessions');
      if (counted) return counted;
      return sessions !== null
        ? rateOf(f, 'reply_3min_rate_tb', sessions, 'sessions')
        : rateOf(f, 'reply_3min_rate_tb', count(f, 'reception_buyers'), 'buyers', false);
    }
    case 'jd':
      return firstOf(
        ratio(f, 'reply_3min_sessions', 'jd_reception', 'sessions'),
        rateOf(f, 'reply_3min_rate_jd', count(f, 'jd_reception'), 'sessions'),
      );
  }
}

/** Rating levels → satisfied over all levels; a JD layout without 一般 counts it 0 (metrics.md §4). */
function levels(f: FieldValues): Contribution | null {
  const keys = ['rating_l_sat_hi', 'rating_l_sat', 'rating_l_neutral', 'rating_l_dis', 'rating_l_dis_hi'];
  if (!keys.some((k) => f.has(k))) return null;
  const vals = keys.map((k) => count(f, k));
  // a present level column with a no-data cell makes the row unusable; an absent column is 0
  if (keys.some((k, i) => f.has(k) && vals[i] === null)) return null;
  const [hi = 0, sat = 0, neutral = 0, dis = 0, disHi = 0] = vals.map((x) => x ?? 0);
  return { num: hi + sat, den: hi + sat + neutral + dis + disHi, approximate: false, unit: 'ratings' };
}

/** 快手 数据详情: counts rebuilt from rates with exact integer rounding (metrics.md §4). */
function kuaishouDetail(f: FieldValues): { good: Contribution | null; attitude: Contribution | null } {
  const n = count(f, 'ks_rating_n');
  if (n === null) return { good: null, attitude: null };
  const good = rateOf(f, 'ks_good_rate', n, 'ratings');
  const m = v(f, 'ks_mid_rate');
  const b = v(f, 'ks_low_rate');
  const pm = v(f, 'ks_att_mid_share');
  const pb = v(f, 'ks_att_low_share');
  if (!m || !b) return { good, attitude: null };
  const mid = roundMul(n, m);
  const low = roundMul(n, b);
  const attMid = pm ? roundMul(mid, pm) : mid === 0 ? 0 : null;
  const attLow = pb ? roundMul(low, pb) : low === 0 ? 0 : null;
  if (attMid === null || attLow === null) return { good, attitude: null };
  return { good, attitude: { num: attMid + attLow, den: mid + low, approximate: false, unit: 'ratings' } };
}

/** The metric contributions of one period row of one account (metrics.md §5). */
export function contributions(platform: Platform, f: FieldValues): Map<MetricId, Contribution> {
  const out = new Map<MetricId, Contribution>();
  const put = (id: MetricId, c: Contribution | null): void => {
    if (c) out.set(id, c);
  };
  put('reply_3min_rate', reply3min(platform, f));
  put('first_reply_30s_rate', rateOf(f, 'first_reply_30s_rate_jd', count(f, 'jd_reception'), 'sessions'));
  put('first_response_s', weighted(f, firstPresent(f, ['first_response_s']), 'sessions'));
  put(
    'avg_response_s',
    weighted(f, firstPresent(f, ['avg_response_s_new', 'avg_response_s_work', 'avg_response_s']), 'sessions'),
  );

  const ks = kuaishouDetail(f);
  put(
    'good_rate',
    firstOf(
      ratio(f, 'good_count', 'rating_count', 'ratings'),
      levels(f),
      ks.good,
      weighted(f, f.has('satisfaction_rate') ? 'satisfaction_rate' : null, 'ratings'),
      // 快手 好评率（人维度） over the buyers it is a share of; the 会话 column is not used
      rateOf(f, 'ks_good_rate_person', count(f, 'consult_buyers'), 'ratings', false),
    ),
  );
  put('bad_attitude_ratio', ks.attitude);

  put(
    'conversion_rate',
    firstOf(
      ratio(f, 'paying_buyers', 'inquirers', 'inquirers'),
      // 千牛 员工绩效 gives only the rate: round(v × 询单人数), exact over its own base
      rateOf(f, 'qn_conversion_rate', count(f, 'inquirers'), 'inquirers'),
      // 延询单: a longer payment window than the rule's same-day one → approximate
      rateOf(f, 'qn_conversion_rate_delayed', count(f, 'inquirers_delayed'), 'inquirers', false),
    ),
  );
  const sales = firstOf(sum(f, 'sales_amount'), credited(f), sum(f, 'jd_order_amount', true));
  put('sales_amount', sales);
  const paying = count(f, 'paying_buyers');
  if (sales && paying !== null)
    out.set('avg_order_value', { num: sales.num, den: paying, approximate: sales.approximate, unit: null });

  const buyers = count(f, 'reception_buyers');
  put(
    'answer_ratio',
    firstOf(
      ratio(f, 'agent_msgs', 'buyer_msgs', null),
      v(f, 'answer_ratio_given') && buyers !== null
        ? { num: toNumber(v(f, 'answer_ratio_given')!) * buyers, den: buyers, approximate: true, unit: null }
        : null,
    ),
  );
  put('reply_rate', rateOf(f, 'reply_rate_given', buyers, 'buyers', false));
  put(
    'served_buyers',
    firstOf(sum(f, 'manual_buyers'), sum(f, 'reception_buyers'), sum(f, 'consulted_buyers')),
  );
  const sessions = firstOf(...SESSION_FIELDS.map((k) => sum(f, k)));
  put('sessions', sessions);
  put('online_hours', sum(f, 'online_hours'));
  const hours = count(f, 'online_hours');
  if (sessions && hours !== null)
    out.set('sessions_per_hour', { num: sessions.num, den: hours, approximate: false, unit: null });
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
  return {
    value: null,
    numerator: null,
    denominator: null,
    approximate: false,
    small_sample: false,
    threshold,
    pass: null,
    status: null,
  };
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
  const pass =
    value === null || !ctx.threshold ? null : meets(c.num, c.den === null ? null : c.den, ctx.threshold);
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
