import { addDays, chinaDateTime, chinaDay, monthEnd, monthStart } from '../../shared/china-time';
import { buildSessions } from '../../shared/engine/sessions';
import { sessionMetrics } from '../../shared/engine/metrics';
import type { Message } from '../../shared/engine/types';
import { UNASSIGNED_ACCOUNT, type Day, type Month, type Platform } from '../../shared/domain';
import type { DrillPart } from '../../shared/drill';
import {
  isRobotRating,
  lastManualAccountBySession,
  ratingAccount,
  ratingBasis,
} from '../../shared/engine/ratings';
import type { EvidenceExclusion, EvidenceView, ReconcileRow } from '../../shared/events-view';
import { metricsFor, type MetricId } from '../../shared/metrics';
import { addContributions, type Contribution } from '../../shared/rollup';
import { inWindow, resolverFor } from '../../shared/engine/windows';
import type { Db } from '../db/open';
import { countedParts, loadAccounts, loadRules, precedenceOf } from '../report/report';
import { loadRatings, toRatingView, type StoredRating } from './ratings-view';
import { loadPackedDays, packedMessages } from './packed';

const RATING_METRICS = new Set<MetricId>(['good_rate', 'bad_attitude_ratio']);
const ROUND_METRICS = new Set<MetricId>(['reply_3min_rate', 'reply_30s_rate', 'first_reply_30s_rate']);

/** A session's messages: by its id, else the buyer's rows with the account from the session start (12 h at most). */
function sessionMessages(
  db: Db,
  shopId: number,
  account: string,
  r: { buyer: string; session_id: string | null; session_start: number },
): EvidenceView['rounds'][number]['messages'] {
  const rows = (
    r.session_id
      ? db
          .prepare(
            // the day range lets the (shop, day, key) index find the session among a month of a shop's rows
            `SELECT time, sender, auto_reply, content FROM messages WHERE shop_id = ? AND day BETWEEN ? AND ? AND session_id = ?
               AND superseded_by IS NULL ORDER BY time, seq LIMIT 60`,
          )
          .all(
            shopId,
            addDays(chinaDay(r.session_start), -1),
            addDays(chinaDay(r.session_start), 2),
            r.session_id,
          )
      : db
          .prepare(
            `SELECT time, sender, auto_reply, content FROM messages WHERE shop_id = ? AND day BETWEEN ? AND ? AND account = ? AND buyer = ? AND time BETWEEN ? AND ?
               AND superseded_by IS NULL ORDER BY time, seq LIMIT 60`,
          )
          .all(
            shopId,
            chinaDay(r.session_start),
            chinaDay(r.session_start + 12 * 3600),
            account,
            r.buyer,
            r.session_start,
            r.session_start + 12 * 3600,
          )
  ) as {
    time: number;
    sender: 'buyer' | 'agent' | 'bot' | 'system';
    auto_reply: number;
    content: string | null;
  }[];
  return rows.map((m) => ({
    time: chinaDateTime(m.time),
    sender: m.sender,
    auto_reply: m.auto_reply === 1,
    content: m.content,
  }));
}

/**
 * The failing rounds of one account and metric in [from, to], computed from the stored messages when asked (not
 * persisted per round): the account's sessions are its rows without 会话ID plus every row of the session ids it
 * appears in, over the month and the days a session can reach across its edges (as the recalculation reads them).
 */
function failingRounds(
  db: Db,
  shopId: number,
  input: { platform: Platform; shop: string; account: string; metric: MetricId },
  from: string,
  to: string,
): {
  day: string;
  buyer: string;
  session_id: string | null;
  session_start: number;
  round_start: number;
  wait: number | null;
  answered: number;
}[] {
  const lo = addDays(from, -1);
  const hi = addDays(to, 4);
  // from the packed store (read only): the account's rows without 会话ID and every row of the session ids it appears
  // in, chosen on the columns before any row object is made
  const { days } = loadPackedDays(db, shopId, lo, hi, false);
  const accountIndex = days.map((d) => d.find(input.account));
  const sessionIds = new Set<string>();
  days.forEach((d, k) => {
    const a = accountIndex[k]!;
    if (a < 0) return;
    for (let i = 0; i < d.n; i++)
      if (d.account[i] === a && d.session[i] !== 0) sessionIds.add(d.str(d.session[i]! - 1));
  });
  // per day, per session string: 1 in the account's sessions, 2 not, 0 not looked at yet
  const inSessions = days.map((d) => new Uint8Array(d.strings));
  const dayIndex = new Map(days.map((d, k) => [d, k]));
  const messages = packedMessages(days, input.platform, input.shop, (d, i) => {
    const k = dayIndex.get(d)!;
    const sid = d.session[i]!;
    if (sid === 0) return d.account[i] === accountIndex[k];
    const seen = inSessions[k]!;
    if (seen[sid - 1] === 0) seen[sid - 1] = sessionIds.has(d.str(sid - 1)) ? 1 : 2;
    return seen[sid - 1] === 1;
  });
  const out = sessionMetrics(buildSessions(messages), loadRules(db), { evidence: true })
    .evidence.filter(
      (e) => e.account === input.account && e.metric === input.metric && e.day >= from && e.day <= to,
    )
    .map((e) => ({
      day: e.day,
      buyer: e.buyer,
      session_id: e.sessionId,
      session_start: e.sessionStart,
      round_start: e.roundStart,
      wait: e.wait,
      answered: e.answered ? 1 : 0,
    }));
  // stable: rounds starting at the same second keep the engine's order
  return out.sort((a, b) => a.round_start - b.round_start);
}

/** The unit one listed miss stands for (metrics.md §3): Douyin counts sessions, Kuaishou buyers per day. */
function unitOf(platform: Platform, metric: MetricId): EvidenceView['unit'] {
  if (metric === 'first_reply_30s_rate') return 'sessions';
  if (metric !== 'reply_3min_rate') return 'rounds';
  return platform === 'douyin' ? 'sessions' : platform === 'kuaishou' ? 'buyers' : 'rounds';
}

/** The failing rounds grouped into the units the metric counts: one row per unit, its first late round. */
function unitsOf(
  rounds: ReturnType<typeof failingRounds>,
  unit: EvidenceView['unit'],
): (ReturnType<typeof failingRounds>[number] & { also_failed: number })[] {
  const byKey = new Map<string, ReturnType<typeof failingRounds>[number] & { also_failed: number }>();
  for (const r of rounds) {
    const key =
      unit === 'sessions'
        ? `${r.day}|${r.buyer}|${r.session_id ?? ''}|${r.session_start}`
        : unit === 'buyers'
          ? `${r.day}|${r.buyer}`
          : `${r.day}|${r.buyer}|${r.session_id ?? ''}|${r.session_start}|${r.round_start}`;
    const have = byKey.get(key);
    if (have) have.also_failed++;
    else byKey.set(key, { ...r, also_failed: 0 });
  }
  return [...byKey.values()];
}

/**
 * The ratings the engine may have attributed to the account: its own rows, and rows without an account whose
 * session's last manual reply was the account's (metrics.md §4), with the account each one belongs to.
 */
function accountRatings(db: Db, shopId: number, account: string, from: Day, to: Day): StoredRating[] {
  const rows = loadRatings(
    db,
    from,
    to,
    `AND r.shop_id = ? AND (r.account = ? OR (r.session_id IS NOT NULL AND trim(r.account) IN ('', '${UNASSIGNED_ACCOUNT}', '离线留言')))`,
    [shopId, account],
  );
  const sessions = [...new Set(rows.filter((r) => r.account !== account).map((r) => r.sessionId!))];
  if (sessions.length === 0) return rows;
  const messages = db
    .prepare(
      `SELECT s.platform, s.name AS shop, m.account, m.buyer, m.session_id AS sessionId, m.time, m.sender,
              m.auto_reply AS autoReply, m.seq
         FROM messages m JOIN shops s ON s.id = m.shop_id
        WHERE m.shop_id = ? AND m.day BETWEEN ? AND ? AND m.superseded_by IS NULL AND m.sender = 'agent'
          AND m.session_id IN (SELECT value FROM json_each(?))`,
    )
    .all(shopId, addDays(from, -1), addDays(to, 4), JSON.stringify(sessions)) as Message[];
  const bySession = lastManualAccountBySession(messages);
  return rows.filter((r) => ratingAccount(r, bySession) === account);
}

/**
 * The events behind one account's month value (product.md screen 2: "why is this 76%?"): the failing rounds for chat
 * metrics, one row per unit the metric counts; the ratings for rating metrics. Each row says whether the month value
 * counts it: a row on a day the platform's export decides, a removed or robot-served rating, one outside the card
 * window, is listed with the reason it is not counted. `parts` are the value's counted parts (`countedParts`).
 */
export function evidence(
  db: Db,
  input: { month: Month; platform: Platform; shop: string; account: string; metric: MetricId },
  options: { messages?: boolean; parts?: DrillPart[]; now?: number } = {},
): EvidenceView {
  const from = monthStart(input.month);
  const to = monthEnd(input.month);
  const unit = unitOf(input.platform, input.metric);
  const shop = db
    .prepare('SELECT id FROM shops WHERE platform = ? AND name = ?')
    .get(input.platform, input.shop) as { id: number } | undefined;
  if (!shop) return { unit, rounds: [], ratings: [] };
  const parts = options.parts ?? countedParts(db, input, options.now).parts;
  // the days the month value takes from the engine's cells: rows of other days are not counted (the export decides)
  const eventsDays = new Set(parts.filter((p) => p.source === 'events').map((p) => p.from));
  const dayExclusion = (day: Day): EvidenceExclusion | null => (eventsDays.has(day) ? null : 'superseded');

  const units = ROUND_METRICS.has(input.metric)
    ? unitsOf(failingRounds(db, shop.id, input, from, to), unit)
    : [];
  // every counted unit is listed; of the others (days the export decides) enough to show what they were
  const counted = units.filter((u) => dayExclusion(u.day) === null);
  const others = units.filter((u) => dayExclusion(u.day) !== null).slice(0, 2000);
  let withText = options.messages === false ? 0 : 200;
  const rounds = [...counted, ...others]
    .sort((a, b) => a.round_start - b.round_start)
    .map((r) => {
      const excluded = dayExclusion(r.day);
      // the conversation behind the first 200 counted rows (enough to read; the count says how many there are)
      const text = excluded === null && withText-- > 0;
      return {
        ...r,
        excluded,
        session_start: chinaDateTime(r.session_start),
        round_start: chinaDateTime(r.round_start),
        answered: r.answered === 1,
        messages: text ? sessionMessages(db, shop.id, input.account, r) : [],
      };
    });

  const rules = loadRules(db);
  const resolver = resolverFor(rules);
  const ratings = RATING_METRICS.has(input.metric)
    ? accountRatings(db, shop.id, input.account, from, to).map((r) => {
        const basis = ratingBasis(r, resolver);
        const excluded: EvidenceExclusion | null =
          'skip' in basis ? basis.skip : isRobotRating(r) ? 'robot' : dayExclusion(basis.day);
        return {
          ...toRatingView(
            r,
            r.platform !== 'kuaishou' || inWindow(r.platform, r.sentAt ?? r.ratedAt, 'window.rating', rules),
          ),
          excluded,
        };
      })
    : [];
  return { unit, rounds, ratings };
}

function view(c: Contribution | null): ReconcileRow['summary'] {
  if (!c) return { value: null, numerator: null, denominator: null };
  return {
    value: c.den === null ? c.num : c.den > 0 ? c.num / c.den : null,
    numerator: c.num,
    denominator: c.den,
  };
}

/**
 * Where a per-agent export and the computed events both give a metric for the same account and month: both
 * values side by side (metrics.md §5), and which one the report uses.
 */
export function reconcile(db: Db, month: Month, now: number): ReconcileRow[] {
  const from = monthStart(month);
  const to = monthEnd(month);
  const precedence = precedenceOf(db);
  const out: ReconcileRow[] = [];
  for (const acc of loadAccounts(db, from, to, loadRules(db), now)) {
    const inMonth = acc.groups.filter((g) => g.from >= from && g.to <= to);
    for (const id of metricsFor(acc.platform)) {
      const summary = inMonth.filter((g) => g.source === 'summary' && g.contributions.has(id));
      const events = inMonth.filter((g) => g.source === 'events' && g.contributions.has(id));
      if (!summary.length || !events.length) continue;
      // compare like with like: the days both sources cover
      const days = new Set(events.map((e) => e.from));
      const both = summary.filter((g) => [...days].some((d) => d >= g.from && d <= g.to));
      if (!both.length) continue;
      const covered = events.filter((e) => both.some((g) => e.from >= g.from && e.from <= g.to));
      out.push({
        platform: acc.platform,
        shop: acc.shop,
        account: acc.account,
        metric: id,
        summary: view(addContributions(both.map((g) => g.contributions.get(id)!))),
        events: view(addContributions(covered.map((g) => g.contributions.get(id)!))),
        used: precedence,
      });
    }
  }
  return out;
}
