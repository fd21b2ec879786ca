/**
 * Ratings (metrics.md §4): class per platform, attribution to the card-send day and an account, the kuaishou card
 * window, robot and removed ratings, good rate and bad-attitude ratio per account-day and shop-day, finality,
 * recovery count, month-end projection and the "if pending appeals succeed" figure.
 */
import { addDays, chinaDay, dayStart, daysInMonth, monthOf } from '../china-time';
import type { Day, Month, Platform } from '../domain';
import { UNASSIGNED_ACCOUNT } from '../domain';
import { METRICS, type MetricId } from '../metrics';
import type { MetricStatus } from '../report';
import type { Contribution } from '../rollup';
import type { RuleVersion } from '../rules';
import { RULE_KEYS } from './rule-defaults';
import { chronologicalOrder } from './sessions';
import {
  effectiveSender,
  isUnassigned,
  ROBOT_ACCOUNT,
  type DayCell,
  type Message,
  type Rating,
} from './types';
import { resolverFor, type WindowResolver } from './windows';

export type RatingClass = 'satisfied' | 'neutral' | 'dissatisfied';

const CLASSES: Record<Platform, Record<string, RatingClass>> = {
  kuaishou: { 满意: 'satisfied', 一般: 'neutral', 失望: 'dissatisfied' },
  douyin: {
    很满意: 'satisfied',
    满意: 'satisfied',
    一般: 'neutral',
    不满意: 'dissatisfied',
    很不满意: 'dissatisfied',
    不满: 'dissatisfied',
    很不满: 'dissatisfied',
  },
  taobao: {
    很满意: 'satisfied',
    满意: 'satisfied',
    一般: 'neutral',
    不满意: 'dissatisfied',
    很不满意: 'dissatisfied',
    不满: 'dissatisfied',
    很不满: 'dissatisfied',
  },
  jd: {
    非常满意: 'satisfied',
    满意: 'satisfied',
    一般: 'neutral',
    不满意: 'dissatisfied',
    非常不满意: 'dissatisfied',
  },
};

/** The class of a raw 评价等级 on a platform; null for a level the platform does not use (not counted). */
export function classifyRating(platform: Platform, level: string): RatingClass | null {
  return CLASSES[platform][level.trim()] ?? null;
}

export const BAD_ATTITUDE = '服务态度差';
const REASON_SEPARATORS = /[;；,，、|]/;

export function splitReasons(reasons: string): string[] {
  return reasons
    .split(REASON_SEPARATORS)
    .map((r) => r.trim())
    .filter((r) => r !== '');
}

export function citesBadAttitude(reasons: string): boolean {
  // cheap pre-check: most ratings cite nothing
  return reasons.includes(BAD_ATTITUDE) && splitReasons(reasons).includes(BAD_ATTITUDE);
}

/** Robot-served: 服务类型 机器人, or the kuaishou robot account 客服助手. */
export function isRobotRating(r: Rating): boolean {
  return r.serviceType === '机器人' || r.account.trim() === ROBOT_ACCOUNT;
}

/** The natural key of a rating version (imports.md §4): 评价ID, else (platform, shop, account, buyer, 评价时间). */
export function ratingKey(r: Rating): string {
  return r.id
    ? `id\u0001${r.platform}\u0001${r.shop}\u0001${r.id}`
    : `k\u0001${r.platform}\u0001${r.shop}\u0001${r.account}\u0001${r.buyer}\u0001${r.ratedAt}`;
}

/** The account of the last manual reply of each session id, keyed by platform, shop and session id. */
export function lastManualAccountBySession(messages: readonly Message[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const i of chronologicalOrder(messages)) {
    const m = messages[i]!;
    if (
      m.sessionId === null ||
      m.sessionId === '' ||
      effectiveSender(m) !== 'agent' ||
      isUnassigned(m.account)
    )
      continue;
    out.set(`${m.platform}\u0001${m.shop}\u0001${m.sessionId}`, m.account.trim());
  }
  return out;
}

/** The day a rating belongs to: its card-send day, else its rating day (seed 004). */
export function ratingTime(r: Rating): number {
  return r.sentAt ?? r.ratedAt;
}

/** 客服账号, else the last manual reply in its 会话ID, else the shop's `未分配`. */
export function ratingAccount(r: Rating, bySession: ReadonlyMap<string, string>): string {
  if (!isUnassigned(r.account)) return r.account.trim();
  if (r.sessionId) {
    const a = bySession.get(`${r.platform}\u0001${r.shop}\u0001${r.sessionId}`);
    if (a !== undefined) return a;
  }
  return UNASSIGNED_ACCOUNT;
}

/** A cell to recompute; account null = the shop only (a robot-served rating). */
export interface TouchedCell {
  platform: Platform;
  shop: string;
  account: string | null;
  day: Day;
}

/**
 * Replaces older rating versions by newer ones with the same key. Returns the current set and every
 * (platform, shop, account, day) cell either version touched, so a rating removed or moved by a later import is
 * taken out of the day it used to count in.
 */
export function mergeRatingVersions(
  current: readonly Rating[],
  incoming: readonly Rating[],
  bySession: ReadonlyMap<string, string> = new Map(),
): { ratings: Rating[]; touched: TouchedCell[] } {
  const byKey = new Map<string, Rating>();
  for (const r of current) byKey.set(ratingKey(r), r);
  const touched = new Map<string, TouchedCell>();
  const touch = (r: Rating): void => {
    const account = isRobotRating(r) ? null : ratingAccount(r, bySession);
    const day = chinaDay(ratingTime(r));
    touched.set(`${r.platform}\u0001${r.shop}\u0001${account ?? ''}\u0001${day}`, {
      platform: r.platform,
      shop: r.shop,
      account,
      day,
    });
  };
  for (const r of incoming) {
    const k = ratingKey(r);
    const old = byKey.get(k);
    if (old) touch(old);
    touch(r);
    byKey.set(k, r);
  }
  return { ratings: [...byKey.values()], touched: [...touched.values()] };
}

export interface RatingCounts {
  satisfied: number;
  neutral: number;
  dissatisfied: number;
  /** Neutral or dissatisfied ratings citing 服务态度差. */
  attitude: number;
}

/** Counts of one cell, and the part of them under a pending appeal (申诉中). */
export interface RatingTally {
  good: RatingCounts;
  attitude: RatingCounts;
  pending: { good: RatingCounts; attitude: RatingCounts };
}

const zero = (): RatingCounts => ({ satisfied: 0, neutral: 0, dissatisfied: 0, attitude: 0 });

function bump(c: RatingCounts, cls: RatingClass, attitude: boolean): void {
  c[cls]++;
  if (attitude && cls !== 'satisfied') c.attitude++;
}

export interface RatingCell extends DayCell {
  /** `good` holds the ratings the good rate counts, `attitude` those the bad-attitude ratio counts (they differ at
   * shop level when only one includes robot-served ratings). */
  tally: RatingTally;
}

export interface RatingMetrics {
  accounts: RatingCell[];
  shops: RatingCell[];
}

export interface RatingOptions {
  /** Session id → account of its last manual reply (`lastManualAccountBySession`). */
  bySession?: ReadonlyMap<string, string>;
  /** When the data behind the ratings was imported: one time, or one per rating day. */
  importedAt?: number | ReadonlyMap<Day, number>;
  /** "Now", to tell a provisional day from one that needs a re-import. */
  now?: number;
}

/**
 * `final` once the data was imported on or after D + lag 00:00 China; before that `provisional`, and once the lag
 * has passed without such an import, `reimport_needed` (需重新导入).
 */
export function dayStatus(day: Day, importedAt: number, lagDays: number, now?: number): MetricStatus {
  const due = dayStart(addDays(day, lagDays));
  if (importedAt >= due) return 'final';
  return now !== undefined && now >= due ? 'reimport_needed' : 'provisional';
}

function importTime(importedAt: RatingOptions['importedAt'], day: Day): number | undefined {
  if (importedAt === undefined) return undefined;
  return typeof importedAt === 'number' ? importedAt : importedAt.get(day);
}

/** good_rate and bad_attitude_ratio as contributions from counts. */
export function ratingContributions(platform: Platform, t: RatingTally): Map<MetricId, Contribution> {
  const out = new Map<MetricId, Contribution>();
  const g = t.good;
  const gd = g.satisfied + g.neutral + g.dissatisfied;
  if (gd > 0 && METRICS.good_rate.platforms.includes(platform))
    out.set('good_rate', { num: g.satisfied, den: gd, approximate: false, unit: 'ratings' });
  const a = t.attitude;
  const ad = a.neutral + a.dissatisfied;
  if (ad > 0 && METRICS.bad_attitude_ratio.platforms.includes(platform))
    out.set('bad_attitude_ratio', { num: a.attitude, den: ad, approximate: false, unit: 'ratings' });
  return out;
}

/** Why a rating counts nowhere (metrics.md §4): removed, a level the platform does not use, outside the card window, an excluded channel. */
export type RatingSkip = 'removed' | 'unknown_level' | 'outside_window' | 'excluded_channel';

/**
 * Whether a rating counts at all and, if so, its class, day and whether it cites 服务态度差 — the tests every
 * rating passes before it reaches a cell (robot-served ratings are decided per scope by the caller).
 */
export function ratingBasis(
  r: Rating,
  resolver: WindowResolver,
): { skip: RatingSkip } | { cls: RatingClass; day: Day; attitude: boolean } {
  if (r.removed) return { skip: 'removed' };
  const cls = classifyRating(r.platform, r.level);
  if (cls === null) return { skip: 'unknown_level' };
  const t = ratingTime(r);
  if (!resolver.contains(r.platform, 'window.rating', t)) return { skip: 'outside_window' };
  const day = resolver.days.of(t);
  const excluded = resolver.flags.get<string[]>(r.platform, RULE_KEYS.excludedRatingChannels, day, []);
  if (r.channel !== undefined && excluded.includes(r.channel.trim())) return { skip: 'excluded_channel' };
  return { cls, day, attitude: cls !== 'satisfied' && citesBadAttitude(r.reasons) };
}

/**
 * Ratings per account-day and shop-day. Removed ratings and unknown levels do not count; kuaishou counts only cards
 * sent inside `window.rating`; robot-served ratings never reach an account, and reach the shop per the rule flags.
 */
export function ratingMetrics(
  ratings: readonly Rating[],
  rules: readonly RuleVersion[],
  options: RatingOptions = {},
): RatingMetrics {
  const resolver = resolverFor(rules);
  const bySession = options.bySession ?? new Map<string, string>();
  const accounts = new Map<string, RatingCell>();
  const shops = new Map<string, RatingCell>();
  const cell = (
    map: Map<string, RatingCell>,
    platform: Platform,
    shop: string,
    account: string | null,
    day: Day,
  ): RatingCell => {
    const key = `${platform}\u0001${shop}\u0001${account ?? ''}\u0001${day}`;
    let c = map.get(key);
    if (!c) {
      c = {
        platform,
        shop,
        account,
        day,
        metrics: new Map(),
        tally: { good: zero(), attitude: zero(), pending: { good: zero(), attitude: zero() } },
      };
      map.set(key, c);
    }
    return c;
  };

  for (const r of ratings) {
    const basis = ratingBasis(r, resolver);
    if ('skip' in basis) continue;
    const { cls, day, attitude } = basis;
    const pending = r.appeal === 'pending';
    const robot = isRobotRating(r);

    const shopCell = cell(shops, r.platform, r.shop, null, day);
    const inGood = !robot || resolver.flags.get(r.platform, RULE_KEYS.shopGoodRateIncludesRobot, day, false);
    const inAttitude =
      !robot || resolver.flags.get(r.platform, RULE_KEYS.shopBadAttitudeIncludesRobot, day, false);
    if (inGood) {
      bump(shopCell.tally.good, cls, attitude);
      if (pending) bump(shopCell.tally.pending.good, cls, attitude);
    }
    if (inAttitude) {
      bump(shopCell.tally.attitude, cls, attitude);
      if (pending) bump(shopCell.tally.pending.attitude, cls, attitude);
    }
    if (robot) continue;
    const c = cell(accounts, r.platform, r.shop, ratingAccount(r, bySession), day);
    bump(c.tally.good, cls, attitude);
    bump(c.tally.attitude, cls, attitude);
    if (pending) {
      bump(c.tally.pending.good, cls, attitude);
      bump(c.tally.pending.attitude, cls, attitude);
    }
  }

  const finish = (map: Map<string, RatingCell>): RatingCell[] => {
    const out: RatingCell[] = [];
    for (const c of map.values()) {
      c.metrics = ratingContributions(c.platform, c.tally);
      const imported = importTime(options.importedAt, c.day);
      if (imported !== undefined) {
        const lag = resolver.flags.get(c.platform, RULE_KEYS.finalLagDays, c.day, 2);
        c.status = dayStatus(c.day, imported, lag, options.now);
      }
      out.push(c);
    }
    return out;
  };
  return { accounts: finish(accounts), shops: finish(shops) };
}

/** Adds tallies (month-to-date from day cells). */
export function addTallies(list: readonly RatingTally[]): RatingTally {
  const out: RatingTally = { good: zero(), attitude: zero(), pending: { good: zero(), attitude: zero() } };
  const add = (a: RatingCounts, b: RatingCounts): void => {
    a.satisfied += b.satisfied;
    a.neutral += b.neutral;
    a.dissatisfied += b.dissatisfied;
    a.attitude += b.attitude;
  };
  for (const t of list) {
    add(out.good, t.good);
    add(out.attitude, t.attitude);
    add(out.pending.good, t.pending.good);
    add(out.pending.attitude, t.pending.attitude);
  }
  return out;
}

/**
 * The smallest n ≥ 0 with (S + n)/(T + n) ≥ p/q, in integers: max(0, ceil((p·T − q·S)/(q − p))). Null when the
 * target is 100% or more and not met already (no number of good ratings reaches it).
 */
export function recoveryCount(S: number, T: number, p: number, q: number): number | null {
  const need = p * T - q * S;
  if (need <= 0) return 0;
  const d = q - p;
  if (d <= 0) return null;
  return Math.floor((need + d - 1) / d);
}

/** Largest k ≥ 0 with (A + k)/(M + k) ≤ p/q: attitude-cited mid/low ratings that may still come. 0 if already over. */
export function attitudeBudget(A: number, M: number, p: number, q: number): number {
  const d = q - p;
  if (d <= 0) return Number.POSITIVE_INFINITY;
  const room = p * M - q * A;
  return room <= 0 ? 0 : Math.floor(room / d);
}

/** round half up of n × a / b in integers (n, a, b ≥ 0, b > 0). */
function scale(n: number, a: number, b: number): number {
  return Math.floor((2 * n * a + b) / (2 * b));
}

export interface MonthProjection {
  month: Month;
  /** Days of the month elapsed up to and including asOf. */
  elapsedDays: number;
  daysInMonth: number;
  /** Month-end counts at the month-to-date daily pace (rounded half up). */
  projected: { good: RatingCounts; attitude: RatingCounts };
  goodRate: { num: number; den: number } | null;
  badAttitudeRatio: { num: number; den: number } | null;
  /**
   * Attitude-cited mid/low ratings that keep the month within the limit: `now` if no other mid/low rating came,
   * `projected` if the other mid/low ratings keep arriving at the current pace.
   */
  budget: { now: number; projected: number };
  /** Month-to-date ratios if every pending appeal succeeded (申诉中 ratings removed). Only 剔除 changes the official number. */
  ifAppealsSucceed: {
    goodRate: { num: number; den: number } | null;
    badAttitudeRatio: { num: number; den: number } | null;
  };
}

/**
 * Month-end projection from month-to-date counts. `limit` is the bad-attitude ceiling as p/q (default 6/100, seed
 * 002).
 */
export function projectMonth(
  mtd: RatingTally,
  asOf: Day,
  limit: { p: number; q: number } = { p: 6, q: 100 },
): MonthProjection {
  const month = monthOf(asOf);
  const dim = daysInMonth(month);
  const elapsed = Number(asOf.slice(8, 10));
  const proj = (c: RatingCounts): RatingCounts => ({
    satisfied: scale(c.satisfied, dim, elapsed),
    neutral: scale(c.neutral, dim, elapsed),
    dissatisfied: scale(c.dissatisfied, dim, elapsed),
    attitude: scale(c.attitude, dim, elapsed),
  });
  const good = proj(mtd.good);
  const att = proj(mtd.attitude);
  const gr = (c: RatingCounts): { num: number; den: number } | null => {
    const den = c.satisfied + c.neutral + c.dissatisfied;
    return den > 0 ? { num: c.satisfied, den } : null;
  };
  const br = (c: RatingCounts): { num: number; den: number } | null => {
    const den = c.neutral + c.dissatisfied;
    return den > 0 ? { num: c.attitude, den } : null;
  };
  const a = mtd.attitude;
  const midLow = a.neutral + a.dissatisfied;
  // the other (non-attitude) mid/low ratings keep coming at pace; attitude-cited ones are the budget
  const otherAtEnd = scale(midLow - a.attitude, dim, elapsed);
  const minus = (x: RatingCounts, y: RatingCounts): RatingCounts => ({
    satisfied: x.satisfied - y.satisfied,
    neutral: x.neutral - y.neutral,
    dissatisfied: x.dissatisfied - y.dissatisfied,
    attitude: x.attitude - y.attitude,
  });
  return {
    month,
    elapsedDays: elapsed,
    daysInMonth: dim,
    projected: { good, attitude: att },
    goodRate: gr(good),
    badAttitudeRatio: br(att),
    budget: {
      now: attitudeBudget(a.attitude, midLow, limit.p, limit.q),
      projected: attitudeBudget(a.attitude, otherAtEnd + a.attitude, limit.p, limit.q),
    },
    ifAppealsSucceed: {
      goodRate: gr(minus(mtd.good, mtd.pending.good)),
      badAttitudeRatio: br(minus(mtd.attitude, mtd.pending.attitude)),
    },
  };
}

/** Month-to-date tally of cells (account or shop) up to and including asOf. */
export function monthToDate(cells: readonly RatingCell[], asOf: Day): RatingTally {
  const month = monthOf(asOf);
  return addTallies(cells.filter((c) => monthOf(c.day) === month && c.day <= asOf).map((c) => c.tally));
}
