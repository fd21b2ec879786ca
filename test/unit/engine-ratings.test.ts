import { describe, expect, it } from 'vitest';
import { chinaEpoch } from '../../src/shared/china-time';
import type { Platform } from '../../src/shared/domain';
import {
  attitudeBudget,
  citesBadAttitude,
  classifyRating,
  dayStatus,
  lastManualAccountBySession,
  mergeRatingVersions,
  monthToDate,
  projectMonth,
  ratingMetrics,
  recoveryCount,
  splitReasons,
  type RatingCell,
  type RatingMetrics,
} from '../../src/shared/engine/ratings';
import type { Message, Rating } from '../../src/shared/engine/types';
import type { MetricId } from '../../src/shared/metrics';
import { DEFAULT_RULES } from '../../src/shared/rules';

const at = (d: number, h: number, mi = 0, s = 0, mo = 10, y = 2026): number =>
  chinaEpoch(y, mo, d, h, mi, s)!;

let n = 0;
const rating = (o: Partial<Rating> & { level: string }): Rating => ({
  platform: 'kuaishou',
  shop: 'S',
  account: 'A',
  sessionId: null,
  buyer: `buyer${n++}`,
  sentAt: null,
  ratedAt: at(3, 10),
  reasons: '',
  removed: false,
  ...o,
});

const nd = (
  cells: RatingCell[],
  metric: MetricId,
  account: string | null = 'A',
  day = '2026-10-03',
): [number, number | null] | null => {
  const c = cells.find((x) => x.account === account && x.day === day)?.metrics.get(metric);
  return c ? [c.num, c.den] : null;
};
const shop = (m: RatingMetrics, metric: MetricId, day = '2026-10-03'): [number, number | null] | null =>
  nd(m.shops, metric, null, day);

describe('rating classes per platform', () => {
  it('maps each platform vocabulary and ignores levels the platform does not use', () => {
    const c = (p: Platform, l: string): string | null => classifyRating(p, l);
    expect([
      c('kuaishou', '满意'),
      c('kuaishou', '一般'),
      c('kuaishou', '失望'),
      c('kuaishou', '很满意'),
    ]).toEqual(['satisfied', 'neutral', 'dissatisfied', null]);
    expect([
      c('douyin', '很满意'),
      c('taobao', '很不满'),
      c('taobao', '不满'),
      c('douyin', '不满意'),
    ]).toEqual(['satisfied', 'dissatisfied', 'dissatisfied', 'dissatisfied']);
    expect([c('jd', '非常满意'), c('jd', ' 一般 '), c('jd', '非常不满意'), c('jd', '很满意')]).toEqual([
      'satisfied',
      'neutral',
      'dissatisfied',
      null,
    ]);
  });
});

describe('multi-reason ratings', () => {
  it('splits on ; ； , ， 、 | and matches 服务态度差 exactly', () => {
    expect(splitReasons('物流慢；服务态度差|回复慢、其他,质量差，包装;')).toEqual([
      '物流慢',
      '服务态度差',
      '回复慢',
      '其他',
      '质量差',
      '包装',
    ]);
    expect(citesBadAttitude('物流慢；服务态度差')).toBe(true);
    expect(citesBadAttitude('服务态度差劲')).toBe(false);
    expect(citesBadAttitude('回复慢 | 服务态度差 ')).toBe(true);
  });

  it('counts a mid/low rating citing 服务态度差 once however many reasons it lists', () => {
    const m = ratingMetrics(
      [
        rating({ level: '失望', reasons: '服务态度差、回复慢、服务态度差' }),
        rating({ level: '一般', reasons: '物流慢,质量差' }),
        rating({ level: '一般', reasons: '服务态度差' }),
        rating({ level: '满意', reasons: '服务态度差' }), // a satisfied rating never cites
      ],
      DEFAULT_RULES,
    );
    // attitude-cited mid/low: 2 of 3; good rate: 1 of 4
    expect(nd(m.accounts, 'bad_attitude_ratio')).toEqual([2, 3]);
    expect(nd(m.accounts, 'good_rate')).toEqual([1, 4]);
  });
});

describe('attribution', () => {
  it('puts a card sent 22:59 and answered next morning on the send day, inside the kuaishou card window', () => {
    const m = ratingMetrics(
      [rating({ level: '满意', sentAt: at(3, 22, 59), ratedAt: at(4, 8, 10) })],
      DEFAULT_RULES,
    );
    expect(nd(m.accounts, 'good_rate', 'A', '2026-10-03')).toEqual([1, 1]);
    expect(nd(m.accounts, 'good_rate', 'A', '2026-10-04')).toBeNull();
  });

  it('drops kuaishou cards sent at 23:00 or later but keeps them on platforms without a card window', () => {
    const late = { level: '满意', sentAt: at(3, 23, 0), ratedAt: at(4, 8, 10) };
    const m = ratingMetrics([rating(late), rating({ ...late, platform: 'douyin' })], DEFAULT_RULES);
    expect(m.accounts.map((c) => [c.platform, c.day])).toEqual([['douyin', '2026-10-03']]);
  });

  it('uses the rating time when there is no send time', () => {
    const m = ratingMetrics([rating({ level: '失望', ratedAt: at(5, 9) })], DEFAULT_RULES);
    expect(nd(m.accounts, 'good_rate', 'A', '2026-10-05')).toEqual([0, 1]);
  });

  it('finds the account from the last manual reply of its session, else 未分配', () => {
    const msgs: Message[] = [
      {
        platform: 'kuaishou',
        shop: 'S',
        account: 'A',
        buyer: 'b',
        sessionId: 's1',
        time: at(3, 10),
        sender: 'agent',
        seq: 1,
      },
      {
        platform: 'kuaishou',
        shop: 'S',
        account: 'B',
        buyer: 'b',
        sessionId: 's1',
        time: at(3, 10, 5),
        sender: 'agent',
        seq: 2,
      },
      {
        platform: 'kuaishou',
        shop: 'S',
        account: 'C',
        buyer: 'b',
        sessionId: 's1',
        time: at(3, 10, 6),
        sender: 'agent',
        autoReply: true,
        seq: 3,
      },
    ];
    const bySession = lastManualAccountBySession(msgs);
    const m = ratingMetrics(
      [
        rating({ level: '满意', account: '', sessionId: 's1' }),
        rating({ level: '一般', account: '', sessionId: 'nope' }),
      ],
      DEFAULT_RULES,
      { bySession },
    );
    expect(nd(m.accounts, 'good_rate', 'B')).toEqual([1, 1]);
    expect(nd(m.accounts, 'good_rate', '未分配')).toEqual([0, 1]);
    expect(shop(m, 'good_rate')).toEqual([1, 2]);
  });
});

describe('robot-served ratings', () => {
  const robots = (platform: Platform, d = 3, mo = 10, y = 2026): Rating[] => [
    rating({ platform, level: '满意', ratedAt: at(d, 10, 0, 0, mo, y) }),
    rating({ platform, level: '失望', reasons: '回复慢', ratedAt: at(d, 10, 0, 0, mo, y) }),
    rating({
      platform,
      level: '失望',
      reasons: '服务态度差',
      serviceType: '机器人',
      ratedAt: at(d, 10, 0, 0, mo, y),
    }),
    rating({ platform, level: '满意', account: '客服助手', ratedAt: at(d, 10, 0, 0, mo, y) }),
  ];

  it('never count for an agent', () => {
    const m = ratingMetrics(robots('kuaishou'), DEFAULT_RULES);
    expect(m.accounts.map((c) => c.account)).toEqual(['A']);
    expect(nd(m.accounts, 'good_rate')).toEqual([1, 2]);
    expect(nd(m.accounts, 'bad_attitude_ratio')).toEqual([0, 1]);
  });

  it('kuaishou shop: good rate excludes them, bad-attitude ratio includes them', () => {
    const m = ratingMetrics(robots('kuaishou'), DEFAULT_RULES);
    // good rate: the two human ratings, 1/2; bad attitude: both 失望, the robot's cites 服务态度差 → 1/2
    expect(shop(m, 'good_rate')).toEqual([1, 2]);
    expect(shop(m, 'bad_attitude_ratio')).toEqual([1, 2]);
  });

  it('kuaishou shop before the 2023-06-30 notice: the good rate counted robot service too', () => {
    const m = ratingMetrics(robots('kuaishou', 29, 6, 2023), DEFAULT_RULES);
    // satisfied 2 (one the robot's) of 4
    expect(shop(m, 'good_rate', '2023-06-29')).toEqual([2, 4]);
  });

  it('other platforms exclude them from the shop (classes per platform: 失望 is not a douyin level)', () => {
    const dy = robots('douyin').map((r) => (r.level === '失望' ? { ...r, level: '很不满意' } : r));
    const m = ratingMetrics(dy, DEFAULT_RULES);
    expect(shop(m, 'good_rate')).toEqual([1, 2]);
    // bad_attitude_ratio is a kuaishou metric only
    expect(shop(m, 'bad_attitude_ratio')).toBeNull();
  });
});

describe('removed ratings and later versions', () => {
  it('excludes a rating a later import marks removed, and names the day to recompute', () => {
    const v1 = rating({
      id: 'R1',
      level: '失望',
      reasons: '服务态度差',
      sentAt: at(3, 15),
      ratedAt: at(3, 16),
    });
    const other = rating({ id: 'R2', level: '满意', sentAt: at(3, 15), ratedAt: at(3, 16) });
    const before = ratingMetrics([v1, other], DEFAULT_RULES);
    expect(nd(before.accounts, 'good_rate')).toEqual([1, 2]);

    const { ratings, touched } = mergeRatingVersions([v1, other], [{ ...v1, removed: true }]);
    expect(touched).toEqual([{ platform: 'kuaishou', shop: 'S', account: 'A', day: '2026-10-03' }]);
    const after = ratingMetrics(ratings, DEFAULT_RULES);
    expect(nd(after.accounts, 'good_rate')).toEqual([1, 1]);
    expect(nd(after.accounts, 'bad_attitude_ratio')).toBeNull();
  });

  it('moves a rating whose newer version has another send day, touching both days', () => {
    const v1 = rating({ id: 'R3', level: '满意', sentAt: at(3, 15), ratedAt: at(4, 9) });
    const { ratings, touched } = mergeRatingVersions([v1], [{ ...v1, sentAt: at(2, 21) }]);
    expect(touched.map((t) => t.day).sort()).toEqual(['2026-10-02', '2026-10-03']);
    expect(ratingMetrics(ratings, DEFAULT_RULES).accounts.map((c) => c.day)).toEqual(['2026-10-02']);
  });
});

describe('finality (T+2)', () => {
  it('is final only when imported on or after D+2 00:00 China time', () => {
    expect(dayStatus('2026-10-03', at(5, 0), 2)).toBe('final');
    expect(dayStatus('2026-10-03', at(4, 23, 59, 59), 2)).toBe('provisional');
    expect(dayStatus('2026-10-03', at(4, 23, 59, 59), 2, at(6, 9))).toBe('reimport_needed');
    expect(dayStatus('2026-10-31', at(2, 0, 0, 0, 11), 2)).toBe('final');
  });

  it('stamps cells with the status of their import', () => {
    const m = ratingMetrics([rating({ level: '满意' })], DEFAULT_RULES, {
      importedAt: at(4, 18),
      now: at(4, 18),
    });
    expect(m.accounts[0]!.status).toBe('provisional');
    const late = ratingMetrics([rating({ level: '满意' })], DEFAULT_RULES, {
      importedAt: new Map([['2026-10-03', at(5, 9)]]),
    });
    expect(late.shops[0]!.status).toBe('final');
  });
});

describe('recovery, budget, projection and appeals', () => {
  it('needs four good ratings to recover one bad one at 80% (seed 002)', () => {
    expect(recoveryCount(0, 1, 80, 100)).toBe(4);
    // 76 of 100: (80·100 − 100·76)/(100 − 80) = 400/20 = 20 → 96/120 = 80%
    expect(recoveryCount(76, 100, 80, 100)).toBe(20);
    // (81·100 − 100·76)/19 = 500/19 = 26.3 → 27: 103/127 = 81.1% ≥ 81%, 102/126 = 80.95% < 81%
    expect(recoveryCount(76, 100, 81, 100)).toBe(27);
    expect(recoveryCount(90, 100, 80, 100)).toBe(0);
    expect(recoveryCount(9, 10, 1, 1)).toBeNull();
  });

  it('gives the attitude budget that keeps the month within 6%', () => {
    // 1 of 20 cited: (6·20 − 100·1)/94 = 20/94 → 0 (2/21 = 9.5%); 1 of 40: (240 − 100)/94 = 1.49 → 1 (2/41 = 4.9%)
    expect(attitudeBudget(1, 20, 6, 100)).toBe(0);
    expect(attitudeBudget(1, 40, 6, 100)).toBe(1);
    expect(attitudeBudget(3, 20, 6, 100)).toBe(0);
  });

  it('projects month-end counts at the current pace and the remaining budget', () => {
    const day = (d: number, level: string, reasons = '', appeal: Rating['appeal'] = null): Rating =>
      rating({ level, reasons, appeal, ratedAt: at(d, 12) });
    // 2026-10-01 … 10-10: 80 satisfied, 12 neutral, 8 dissatisfied, one of them citing 服务态度差 and under appeal
    const list: Rating[] = [];
    for (let i = 0; i < 80; i++) list.push(day((i % 10) + 1, '满意'));
    for (let i = 0; i < 12; i++) list.push(day((i % 10) + 1, '一般'));
    for (let i = 0; i < 7; i++) list.push(day((i % 10) + 1, '失望', '物流慢'));
    list.push(day(10, '失望', '服务态度差', 'pending'));
    list.push(day(11, '失望', '服务态度差')); // after asOf: not month-to-date
    const cells = ratingMetrics(list, DEFAULT_RULES).accounts;
    const mtd = monthToDate(cells, '2026-10-10');
    expect(mtd.good).toEqual({ satisfied: 80, neutral: 12, dissatisfied: 8, attitude: 1 });
    const p = projectMonth(mtd, '2026-10-10');
    // ×31/10, half up: 248, 37.2 → 37, 24.8 → 25, 3.1 → 3
    expect([p.elapsedDays, p.daysInMonth]).toEqual([10, 31]);
    expect(p.projected.attitude).toEqual({ satisfied: 248, neutral: 37, dissatisfied: 25, attitude: 3 });
    expect(p.goodRate).toEqual({ num: 248, den: 310 });
    expect(p.badAttitudeRatio).toEqual({ num: 3, den: 62 });
    // now: (6·20 − 100·1)/94 → 0; at pace the 19 other mid/low become 58.9 → 59: (6·60 − 100·1)/94 = 2.77 → 2
    // (3/62 = 4.8% within 6%; a third would make 4/63 = 6.3%)
    expect(p.budget).toEqual({ now: 0, projected: 2 });
    // if the pending appeal succeeds: 0/19 cited, good rate 80/99
    expect(p.ifAppealsSucceed).toEqual({
      goodRate: { num: 80, den: 99 },
      badAttitudeRatio: { num: 0, den: 19 },
    });
  });
});
