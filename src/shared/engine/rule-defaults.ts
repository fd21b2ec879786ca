/**
 * Rule-version keys the engine reads beyond those in `rules.ts`, with their defaults. They are ordinary rule versions
 * so a database can seed them and Settings can edit them; when the caller's rule list lacks a key, the engine falls
 * back to these.
 */
import type { Day, Platform } from '../domain';
import { BEGINNING, ruleAt, type RuleVersion } from '../rules';

export const RULE_KEYS = {
  serviceWindow: 'window.service',
  reply3minWindow: 'window.reply_3min',
  ratingWindow: 'window.rating',
  /** boolean: a session starting outside `window.service` is dropped from every metric of the platform (JD). */
  sessionMustStartInside: 'window.session_must_start_inside',
  /** boolean: robot-served ratings count in the shop's good rate. */
  shopGoodRateIncludesRobot: 'ratings.shop_good_rate_includes_robot',
  /** boolean: robot-served ratings count in the shop's bad-attitude ratio. */
  shopBadAttitudeIncludesRobot: 'ratings.shop_bad_attitude_includes_robot',
  /** string[]: rating channels (评价渠道) that do not count. */
  excludedRatingChannels: 'ratings.excluded_channels',
  /** number: days after D from which an import of D's data is final. */
  finalLagDays: 'lag.final_days',
  /** number: FCR needs 72 h of follow-up, so its lag is longer. */
  fcrFinalLagDays: 'fcr.final_days',
  /** 'first' | 'last': which earlier manual agent an order without 归属客服账号 is credited to. */
  orderCredit: 'orders.credit',
  /** number: days after the inquiry day within which a payment still converts (0 = same day). */
  payWindowDays: 'orders.pay_window_days',
  /** number: days from the exam notice to the deadline. */
  examDeadlineDays: 'exam.deadline_days',
} as const;

const PLATFORMS: readonly Platform[] = ['douyin', 'kuaishou', 'jd', 'taobao'];

const each = <V>(key: string, value: V, source: string): RuleVersion<V>[] =>
  PLATFORMS.map((platform) => ({ platform, key, value, effective_from: BEGINNING, source }));

const only = (
  platform: Platform,
  key: string,
  value: unknown,
  source: string,
  from = BEGINNING,
  to?: Day,
): RuleVersion => ({
  platform,
  key,
  value,
  effective_from: from,
  ...(to ? { effective_to: to } : {}),
  source,
});

/** Defaults for the engine's own keys; seed them beside `DEFAULT_RULES`. */
export const ENGINE_RULES: RuleVersion[] = [
  only('jd', RULE_KEYS.sessionMustStartInside, true, 'JD 2021-12 notice (configurable default)'),
  // before the 2023-06-30 notice the kuaishou good rate counted robot and human service alike (seed 000)
  only(
    'kuaishou',
    RULE_KEYS.shopGoodRateIncludesRobot,
    true,
    'seed 000 (before the notice)',
    BEGINNING,
    '2023-06-29',
  ),
  only('kuaishou', RULE_KEYS.shopGoodRateIncludesRobot, false, 'seed 000 (2023-06-30 notice)', '2023-06-30'),
  only('kuaishou', RULE_KEYS.shopBadAttitudeIncludesRobot, true, 'seed 002 (商户使用智能机器人…同样纳入)'),
  ...(['douyin', 'jd', 'taobao'] as const).flatMap((p) => [
    only(p, RULE_KEYS.shopGoodRateIncludesRobot, false, 'configurable default'),
    only(p, RULE_KEYS.shopBadAttitudeIncludesRobot, false, 'configurable default'),
  ]),
  ...each<string[]>(RULE_KEYS.excludedRatingChannels, [], 'configurable default'),
  ...each(RULE_KEYS.finalLagDays, 2, 'seed 004 (T+2)'),
  only('taobao', RULE_KEYS.fcrFinalLagDays, 4, 'seed 004 (T+3 shown; final from D+4, configurable default)'),
  ...each(RULE_KEYS.orderCredit, 'last', 'configurable default'),
  ...each(RULE_KEYS.payWindowDays, 0, 'seed 003 (最终付款人数/当日询单人数)'),
  only('douyin', RULE_KEYS.examDeadlineDays, 7, 'configurable default'),
];

/** A rule value on a day: the caller's versions first, then the engine's defaults, then `fallback`. */
export function engineRule<V>(
  rules: readonly RuleVersion[],
  platform: Platform,
  key: string,
  day: Day,
  fallback: V,
): V {
  const own = ruleAt<V>(rules, platform, key, day);
  if (own !== null && own !== undefined) return own;
  const def = ruleAt<V>(ENGINE_RULES, platform, key, day);
  return def !== null && def !== undefined ? def : fallback;
}

/**
 * Memoises `engineRule` per (platform, key, day) for one immutable rule list: the hot loops ask the same question
 * for every session of a day.
 */
export class RuleCache {
  private readonly cache = new Map<string, unknown>();
  constructor(readonly rules: readonly RuleVersion[]) {}

  get<V>(platform: Platform, key: string, day: Day, fallback: V): V {
    const k = `${platform}\u0001${key}\u0001${day}`;
    if (this.cache.has(k)) return this.cache.get(k) as V;
    const v = engineRule(this.rules, platform, key, day, fallback);
    this.cache.set(k, v);
    return v;
  }
}
