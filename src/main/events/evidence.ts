import { addDays, chinaDateTime, chinaDay, monthEnd, monthStart } from '../../shared/china-time';
import { buildSessions } from '../../shared/engine/sessions';
import { sessionMetrics } from '../../shared/engine/metrics';
import type { Message } from '../../shared/engine/types';
import type { Month, Platform } from '../../shared/domain';
import type { EvidenceView, ReconcileRow } from '../../shared/events-view';
import { metricsFor, type MetricId } from '../../shared/metrics';
import { addContributions, type Contribution } from '../../shared/rollup';
import { inWindow } from '../../shared/engine/windows';
import type { Db } from '../db/open';
import { loadAccounts, loadRules, precedenceOf } from '../report/report';
import { loadRatings, toRatingView } from './ratings-view';

const RATING_METRICS = new Set<MetricId>(['good_rate', 'bad_attitude_ratio']);

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
 * The events behind one account's month value: the failing sessions/rounds (with the round that waited and its wait)
 * for chat metrics, the ratings for rating metrics (product.md screen 2: "why is this 76%?").
 */
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
  const messages = db
    .prepare(
      `SELECT ? AS platform, ? AS shop, account, buyer, session_id AS sessionId, time, sender, auto_reply AS autoReply,
              seq, handover_at AS handoverAt
         FROM messages m WHERE shop_id = ? AND day BETWEEN ? AND ? AND superseded_by IS NULL
          AND ((session_id IS NULL AND account = ?) OR session_id IN (
                SELECT session_id FROM messages WHERE shop_id = ? AND day BETWEEN ? AND ? AND superseded_by IS NULL
                   AND session_id IS NOT NULL AND account = ?))`,
    )
    .all(
      input.platform,
      input.shop,
      shopId,
      lo,
      hi,
      input.account,
      shopId,
      lo,
      hi,
      input.account,
    ) as Message[];
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
  return out.sort((a, b) => a.round_start - b.round_start).slice(0, 2000);
}

export function evidence(
  db: Db,
  input: { month: Month; platform: Platform; shop: string; account: string; metric: MetricId },
): EvidenceView {
  const from = monthStart(input.month);
  const to = monthEnd(input.month);
  const shop = db
    .prepare('SELECT id FROM shops WHERE platform = ? AND name = ?')
    .get(input.platform, input.shop) as { id: number } | undefined;
  if (!shop) return { rounds: [], ratings: [] };
  const rounds = failingRounds(db, shop.id, input, from, to).map((r, i) => ({
    ...r,
    session_start: chinaDateTime(r.session_start),
    round_start: chinaDateTime(r.round_start),
    answered: r.answered === 1,
    // the conversation behind the first 200 failing rounds (enough to read; the count says how many there are)
    messages: i < 200 ? sessionMessages(db, shop.id, input.account, r) : [],
  }));
  const rules = loadRules(db);
  const ratings = RATING_METRICS.has(input.metric)
    ? loadRatings(db, from, to, 'AND r.shop_id = ? AND r.account = ?', [shop.id, input.account]).map((r) =>
        toRatingView(
          r,
          r.platform !== 'kuaishou' || inWindow(r.platform, r.sentAt ?? r.ratedAt, 'window.rating', rules),
        ),
      )
    : [];
  return { rounds, ratings };
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
