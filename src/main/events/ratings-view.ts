import { chinaDateTime, chinaDay, eachDay, monthEnd, monthStart } from '../../shared/china-time';
import type { Day, Month, Platform } from '../../shared/domain';
import {
  addTallies,
  citesBadAttitude,
  classifyRating,
  isRobotRating,
  lastManualAccountBySession,
  projectMonth,
  ratingMetrics,
  recoveryCount,
  type RatingCell,
} from '../../shared/engine/ratings';
import { inWindow } from '../../shared/engine/windows';
import type { Message, Rating } from '../../shared/engine/types';
import type { RatingRowView, RatingSummary, RatingsMonthView } from '../../shared/events-view';
import type { MetricSet, Threshold } from '../../shared/report';
import { ruleAt } from '../../shared/rules';
import type { Db } from '../db/open';
import { UserError } from '../errors';
import { getMonthReport, loadRules } from '../report/report';

export interface StoredRating extends Rating {
  key: string;
  day: Day;
  /** when the batch behind this version was imported (finality) */
  importedAt: number;
}

/** The current versions of the ratings attributed to days in [from, to], with their appeal marks. */
export function loadRatings(db: Db, from: Day, to: Day, where = '', args: unknown[] = []): StoredRating[] {
  return (
    db
      .prepare(
        `SELECT r.key, s.platform, s.name AS shop, r.account, r.session_id, r.buyer, r.sent_at, r.rated_at, r.level, r.reasons,
                r.channel, r.service_type, r.removed, r.rating_id, r.day, b.imported_at, a.status AS appeal
           FROM ratings r JOIN shops s ON s.id = r.shop_id JOIN import_batches b ON b.id = r.batch_id
           LEFT JOIN rating_appeals a ON a.key = r.key
          WHERE r.superseded_by IS NULL AND r.day BETWEEN ? AND ? ${where} ORDER BY r.day, r.rated_at`,
      )
      .all(from, to, ...args) as {
      key: string;
      platform: Platform;
      shop: string;
      account: string;
      session_id: string | null;
      buyer: string;
      sent_at: number | null;
      rated_at: number;
      level: string;
      reasons: string;
      channel: string | null;
      service_type: string | null;
      removed: number;
      rating_id: string | null;
      day: Day;
      imported_at: number;
      appeal: Rating['appeal'];
    }[]
  ).map((r) => ({
    key: r.key,
    day: r.day,
    importedAt: r.imported_at,
    platform: r.platform,
    shop: r.shop,
    account: r.account,
    sessionId: r.session_id,
    buyer: r.buyer,
    sentAt: r.sent_at,
    ratedAt: r.rated_at,
    level: r.level,
    reasons: r.reasons,
    channel: r.channel ?? undefined,
    serviceType: r.service_type === '机器人' ? '机器人' : r.service_type === '人工' ? '人工' : null,
    removed: r.removed === 1,
    appeal: r.appeal ?? null,
    id: r.rating_id ?? undefined,
  }));
}

function sessionAccounts(db: Db, from: Day, to: Day): Map<string, string> {
  const rows = db
    .prepare(
      `SELECT s.platform, s.name AS shop, m.account, m.buyer, m.session_id, m.time, m.sender, m.auto_reply, m.seq
         FROM messages m JOIN shops s ON s.id = m.shop_id
        WHERE m.superseded_by IS NULL AND m.session_id IS NOT NULL AND m.day BETWEEN ? AND ? AND m.sender = 'agent'`,
    )
    .all(from, to) as {
    platform: Platform;
    shop: string;
    account: string;
    buyer: string;
    session_id: string;
    time: number;
    sender: 'agent';
    auto_reply: number;
    seq: number;
  }[];
  const messages: Message[] = rows.map((r) => ({
    platform: r.platform,
    shop: r.shop,
    account: r.account,
    buyer: r.buyer,
    sessionId: r.session_id,
    time: r.time,
    sender: r.sender,
    autoReply: r.auto_reply === 1,
    seq: r.seq,
  }));
  return lastManualAccountBySession(messages);
}

export function toRatingView(r: StoredRating, platformWindowOk: boolean): RatingRowView {
  const cls = classifyRating(r.platform, r.level);
  return {
    key: r.key,
    platform: r.platform,
    shop: r.shop,
    account: r.account,
    buyer: r.buyer,
    day: r.day,
    sent_at: r.sentAt === null ? null : chinaDateTime(r.sentAt),
    rated_at: chinaDateTime(r.ratedAt),
    level: r.level,
    class: cls,
    reasons: r.reasons,
    cites_attitude: cls !== null && cls !== 'satisfied' && citesBadAttitude(r.reasons),
    channel: r.channel ?? null,
    robot: isRobotRating(r),
    removed: r.removed,
    outside_window: !platformWindowOk,
    appeal: r.appeal ?? null,
  };
}

/**
 * The 中差评 screen (metrics.md §4): per shop and account, the natural month's counts, good rate and bad-attitude
 * ratio with the 6% line, month-to-date trend, end-of-month projection and remaining budget, recovery count, and the
 * mid/low ratings themselves.
 */
export function ratingsMonth(db: Db, month: Month, now: number): RatingsMonthView {
  const from = monthStart(month);
  const to = monthEnd(month);
  const today = chinaDay(now);
  const asOf = today < from ? from : today > to ? to : today;
  const days = eachDay(from, to);
  const rules = loadRules(db);
  const ratings = loadRatings(db, from, to);
  const bySession = sessionAccounts(db, from, to);
  const rm = ratingMetrics(ratings, rules, { bySession, now });
  const owners = db.prepare(
    `SELECT DISTINCT g.name FROM agent_accounts aa JOIN agents g ON g.id = aa.agent_id JOIN accounts a ON a.id = aa.account_id JOIN shops s ON s.id = a.shop_id
      WHERE s.platform = ? AND s.name = ? AND a.account = ? AND COALESCE(aa.valid_from, '0000') <= ? AND COALESCE(aa.valid_to, '9999') >= ?`,
  );
  const summarize = (
    cells: RatingCell[],
    platform: Platform,
    shop: string,
    account: string | null,
  ): RatingSummary => {
    const mtd = addTallies(cells.filter((c) => c.day <= asOf).map((c) => c.tally));
    const all = addTallies(cells.map((c) => c.tally));
    const g = all.good;
    const a = all.attitude;
    const goodDen = g.satisfied + g.neutral + g.dissatisfied;
    const attDen = a.neutral + a.dissatisfied;
    const t = ruleAt<Threshold>(rules, platform, 'threshold.good_rate', to);
    const limit = ruleAt<Threshold>(rules, platform, 'threshold.bad_attitude_ratio', to)?.value ?? 0.06;
    const frac = (x: number): [number, number] => [Math.round(x * 10000), 10000];
    const [p, q] = t ? frac(t.value) : [0, 1];
    const [lp, lq] = frac(limit);
    const proj = goodDen + attDen > 0 ? projectMonth(mtd, asOf, { p: lp, q: lq }) : null;
    // trend: month-to-date ratio at the end of each day
    let cum = addTallies([]);
    const trend = days.map((d) => {
      cum = addTallies([cum, ...cells.filter((c) => c.day === d).map((c) => c.tally)]);
      const den = cum.attitude.neutral + cum.attitude.dissatisfied;
      return d > asOf || den === 0 ? null : cum.attitude.attitude / den;
    });
    const names = account
      ? (owners.all(platform, shop, account, from, to) as { name: string }[]).map((o) => o.name)
      : [];
    return {
      platform,
      shop,
      account,
      agent: names.length === 1 ? names[0]! : names.length > 1 ? '归属不明' : null,
      good: g,
      attitude: a,
      good_rate: goodDen ? { num: g.satisfied, den: goodDen } : null,
      bad_attitude_ratio: attDen ? { num: a.attitude, den: attDen } : null,
      recovery: t && goodDen ? recoveryCount(g.satisfied, goodDen, p, q) : null,
      good_threshold: t?.value ?? null,
      attitude_limit: limit,
      projection: proj && {
        good_rate: proj.goodRate,
        bad_attitude_ratio: proj.badAttitudeRatio,
        budget_now: proj.budget.now,
        budget_projected: proj.budget.projected,
        if_appeals_succeed: {
          good_rate: proj.ifAppealsSucceed.goodRate,
          bad_attitude_ratio: proj.ifAppealsSucceed.badAttitudeRatio,
        },
      },
      trend,
    };
  };
  const group = (cells: RatingCell[]): Map<string, RatingCell[]> => {
    const m = new Map<string, RatingCell[]>();
    for (const c of cells) {
      const k = `${c.platform}\u0001${c.shop}\u0001${c.account ?? ''}`;
      m.set(k, [...(m.get(k) ?? []), c]);
    }
    return m;
  };
  const shops = [...group(rm.shops).values()].map((cells) =>
    summarize(cells, cells[0]!.platform, cells[0]!.shop, null),
  );
  const accounts = [...group(rm.accounts).values()].map((cells) =>
    summarize(cells, cells[0]!.platform, cells[0]!.shop, cells[0]!.account),
  );
  const rows = ratings
    .filter((r) => {
      const cls = classifyRating(r.platform, r.level);
      return cls === 'neutral' || cls === 'dissatisfied';
    })
    .map((r) => {
      const sent = r.sentAt ?? r.ratedAt;
      const inWin = r.platform !== 'kuaishou' || inWindow(r.platform, sent, 'window.rating', rules);
      return toRatingView(r, inWin);
    });
  // the headline is the stored value (issue 8: one value everywhere); the rows are its reconciliation
  const report = getMonthReport(db, month, now);
  const shopSets = new Map(report.shops.map((x) => [`${x.platform}|${x.shop}`, x.metrics]));
  const accSets = new Map(report.accounts.map((x) => [`${x.platform}|${x.shop}|${x.account}`, x.metrics]));
  for (const sum of [...shops, ...accounts]) {
    const set =
      sum.account === null
        ? shopSets.get(`${sum.platform}|${sum.shop}`)
        : accSets.get(`${sum.platform}|${sum.shop}|${sum.account}`);
    authoritative(sum, set);
  }
  return { month, as_of: asOf, days, shops, accounts, ratings: rows, has_events: ratings.length > 0 };
}

const pct = (f: { num: number; den: number }): string => `${((f.num / f.den) * 100).toFixed(2)}%`;

/** Replaces a summary's rates with the stored values, keeping the rows' own as `detail` with what they cover. */
function authoritative(sum: RatingSummary, set: MetricSet | undefined): void {
  const detail = { good_rate: sum.good_rate, bad_attitude_ratio: sum.bad_attitude_ratio };
  const stored = (id: 'good_rate' | 'bad_attitude_ratio'): { num: number; den: number } | null => {
    const m = set?.[id];
    return m && m.value !== null && m.numerator !== null && m.denominator
      ? { num: m.numerator, den: m.denominator }
      : null;
  };
  const recon = (id: 'good_rate' | 'bad_attitude_ratio', unit: string): string | null => {
    const s = stored(id);
    const d = detail[id];
    if (!s || (d && d.num === s.num && d.den === s.den)) return null;
    return d
      ? `明细 ${pct(d)} (${d.num}/${d.den})，覆盖 ${d.den}/${s.den} ${unit}`
      : `明细中没有这些评价，${s.den} ${unit}来自平台导出`;
  };
  sum.detail = detail;
  sum.reconciliation = {
    good_rate: recon('good_rate', '条评价'),
    bad_attitude_ratio: recon('bad_attitude_ratio', '条中差评'),
  };
  const g = stored('good_rate');
  const a = stored('bad_attitude_ratio');
  if (g) {
    if (sum.good_rate === null || g.num !== sum.good_rate.num || g.den !== sum.good_rate.den) {
      const t = sum.good_threshold;
      sum.recovery = t === null ? null : recoveryCount(g.num, g.den, Math.round(t * 10000), 10000);
    }
    sum.good_rate = g;
  }
  if (a) sum.bad_attitude_ratio = a;
}

/** Marks a rating by hand: 申诉中 / 申诉成功 / 申诉失败 (null clears). Only the platform's 剔除 changes the official number. */
export function setAppeal(
  db: Db,
  key: string,
  status: 'pending' | 'success' | 'failed' | null,
  note: string | null,
  now: number,
): void {
  if (!db.prepare('SELECT 1 FROM ratings WHERE key = ?').get(key)) throw new UserError('没有找到这条评价');
  if (status === null) db.prepare('DELETE FROM rating_appeals WHERE key = ?').run(key);
  else
    db.prepare(
      'INSERT INTO rating_appeals (key, status, note, at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET status = excluded.status, note = excluded.note, at = excluded.at',
    ).run(key, status, note, now);
}
