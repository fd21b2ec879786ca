/**
 * Message-derived metrics per (platform, shop, account, China day) and per (platform, shop, day), as `Contribution`s
 * that add up like the per-agent export facts (metrics.md §1–§3).
 *
 * Attribution day: session-level figures (douyin `reply_3min_rate`, `first_response_s`, `first_reply_30s_rate`,
 * `answer_ratio`, `sessions`, `served_buyers`) go to the China day of the session start; round-level figures
 * (taobao/jd `reply_3min_rate`, `avg_response_s`, `reply_30s_rate`) and person-based ones (kuaishou
 * `reply_3min_rate`, `reply_rate`) go to the China day of the round start.
 */
import type { Day, Platform } from '../domain';
import { METRICS, type MetricId, type SampleUnit } from '../metrics';
import type { Contribution } from '../rollup';
import type { RuleVersion } from '../rules';
import { dayIndex } from './days';
import { sub } from './nested';
import { buildSessions, type Session } from './sessions';
import type { DayCell, Message } from './types';
import { resolverFor, type WindowResolver } from './windows';

/** Within 3 minutes means wait ≤ 180 s (metrics.md §0). */
export const REPLY_3MIN_S = 180;
export const REPLY_30S_S = 30;
/** Taobao's average response caps each round and charges an unanswered one this much. */
export const TAOBAO_ROUND_CAP_S = 600;

/** Why a session or round is listed in the drill-down. */
export interface RoundEvidence {
  metric: MetricId;
  platform: Platform;
  shop: string;
  account: string;
  /** The day the failure is attributed to. */
  day: Day;
  buyer: string;
  sessionId: string | null;
  sessionStart: number;
  roundStart: number;
  /** null = unanswered. */
  wait: number | null;
  answered: boolean;
}

export interface MessageMetrics {
  accounts: DayCell[];
  shops: DayCell[];
  /** Failing rounds of counted sessions: every round that broke the 3-minute rule, missed 30 s, or the first round of
   * a session whose first reply missed 30 s. */
  evidence: RoundEvidence[];
}

export interface MessageMetricOptions {
  /** Collect drill-down evidence (default true). */
  evidence?: boolean;
}

class Acc {
  r3Num = 0;
  r3Den = 0;
  /** kuaishou person-based 3-minute rate: buyer → none of their counted rounds failed. */
  readonly person = new Map<string, boolean>();
  /** reply_rate: buyer → got at least one manual reply in a counted round. */
  readonly replied = new Map<string, boolean>();
  readonly served = new Set<string>();
  frSum = 0;
  frN = 0;
  arSum = 0;
  arN = 0;
  f30Num = 0;
  f30Den = 0;
  r30Num = 0;
  r30Den = 0;
  ansNum = 0;
  ansDen = 0;
  sessions = 0;

  constructor(
    readonly platform: Platform,
    readonly shop: string,
    readonly account: string | null,
    readonly dayIdx: number,
  ) {}
}

class Cells {
  private readonly root = new Map<Platform, Map<string, Map<string, Map<number, Acc>>>>();
  readonly list: Acc[] = [];

  get(platform: Platform, shop: string, account: string | null, idx: number): Acc {
    const days = sub(sub(sub(this.root, platform), shop), account ?? '');
    let a = days.get(idx);
    if (!a) {
      a = new Acc(platform, shop, account, idx);
      days.set(idx, a);
      this.list.push(a);
    }
    return a;
  }
}

function mark(m: Map<string, boolean>, buyer: string, ok: boolean, all: boolean): void {
  const prev = m.get(buyer);
  // person-based: a buyer fails if any round failed (all); replied: a buyer counts if any round was answered (any)
  m.set(buyer, prev === undefined ? ok : all ? prev && ok : prev || ok);
}

function countTrue(m: Map<string, boolean>): number {
  let n = 0;
  for (const v of m.values()) if (v) n++;
  return n;
}

const REPLY_3MIN_UNIT: Record<Platform, SampleUnit> = {
  douyin: 'sessions',
  kuaishou: 'buyers',
  taobao: 'rounds',
  jd: 'rounds',
};

function toCell(a: Acc, resolver: WindowResolver): DayCell {
  const metrics = new Map<MetricId, Contribution>();
  const put = (id: MetricId, num: number, den: number | null, unit: SampleUnit | null): void => {
    if (!METRICS[id].platforms.includes(a.platform)) return;
    // a 0 denominator is no data: it must add neither numerator nor denominator
    if (den !== null && den <= 0) return;
    metrics.set(id, { num, den, approximate: false, unit });
  };
  if (a.platform === 'kuaishou') put('reply_3min_rate', countTrue(a.person), a.person.size, 'buyers');
  else put('reply_3min_rate', a.r3Num, a.r3Den, REPLY_3MIN_UNIT[a.platform]);
  put('first_response_s', a.frSum, a.frN, 'sessions');
  put('avg_response_s', a.arSum, a.arN, 'rounds');
  put('first_reply_30s_rate', a.f30Num, a.f30Den, 'sessions');
  put('reply_30s_rate', a.r30Num, a.r30Den, 'rounds');
  put('answer_ratio', a.ansNum, a.ansDen, null);
  put('reply_rate', countTrue(a.replied), a.replied.size, 'buyers');
  if (a.sessions > 0) {
    put('served_buyers', a.served.size, null, null);
    put('sessions', a.sessions, null, null);
  }
  return {
    platform: a.platform,
    shop: a.shop,
    account: a.account,
    day: resolver.days.name(a.dayIdx),
    metrics,
  };
}

/**
 * Metrics of sessions built by `buildSessions`. Bot-only sessions are skipped; on a platform whose rules drop
 * sessions starting outside the window (JD) those are skipped too. Unassigned sessions land on the shop's `未分配`.
 */
export function sessionMetrics(
  sessions: readonly Session[],
  rules: readonly RuleVersion[],
  options: MessageMetricOptions = {},
): MessageMetrics {
  const resolver = resolverFor(rules);
  const withEvidence = options.evidence !== false;
  const accounts = new Cells();
  const shops = new Cells();
  const evidence: RoundEvidence[] = [];
  const days = resolver.days;

  const note = (metric: MetricId, s: Session, idx: number, start: number, wait: number | null): void => {
    if (!withEvidence || !METRICS[metric].platforms.includes(s.platform)) return;
    evidence.push({
      metric,
      platform: s.platform,
      shop: s.shop,
      account: s.account,
      day: days.name(idx),
      buyer: s.buyer,
      sessionId: s.sessionId,
      sessionStart: s.start,
      roundStart: start,
      wait,
      answered: wait !== null,
    });
  };

  for (const s of sessions) {
    if (s.kind === 'bot_only') continue;
    const p = s.platform;
    const sIdx = dayIndex(s.start);
    const sRules = resolver.day(p, sIdx);
    if (sRules.mustStartInside && !(s.start >= sRules.serviceFrom && s.start < sRules.serviceTo)) continue;
    const a = accounts.get(p, s.shop, s.account, sIdx);
    const h = shops.get(p, s.shop, null, sIdx);
    if (s.kind === 'manual') {
      a.sessions++;
      h.sessions++;
      if (s.firstManualReply !== null) {
        a.served.add(s.buyer);
        h.served.add(s.buyer);
      }
    }

    let r3Counted = false;
    let r3Ok = true;
    let svcCounted = false;
    for (const r of s.rounds) {
      const rIdx = dayIndex(r.start);
      const same = rIdx === sIdx;
      const ra = same ? a : accounts.get(p, s.shop, s.account, rIdx);
      const rh = same ? h : shops.get(p, s.shop, null, rIdx);
      const win = same ? sRules : resolver.day(p, rIdx);
      const w = r.wait;

      if (r.start >= win.reply3From && r.start < win.reply3To) {
        r3Counted = true;
        const ok = w !== null && w <= REPLY_3MIN_S;
        if (p === 'douyin') {
          if (!ok) {
            r3Ok = false;
            note('reply_3min_rate', s, sIdx, r.start, w);
          }
        } else if (p === 'kuaishou') {
          mark(ra.person, s.buyer, ok, true);
          mark(rh.person, s.buyer, ok, true);
          if (!ok) note('reply_3min_rate', s, rIdx, r.start, w);
        } else {
          ra.r3Den++;
          rh.r3Den++;
          if (ok) {
            ra.r3Num++;
            rh.r3Num++;
          } else note('reply_3min_rate', s, rIdx, r.start, w);
        }
      }

      if (r.start >= win.serviceFrom && r.start < win.serviceTo) {
        if (p === 'taobao') {
          const capped = w === null || w > TAOBAO_ROUND_CAP_S ? TAOBAO_ROUND_CAP_S : w;
          ra.arSum += capped;
          rh.arSum += capped;
          ra.arN++;
          rh.arN++;
        } else if (w !== null) {
          ra.arSum += w;
          rh.arSum += w;
          ra.arN++;
          rh.arN++;
        }
        const ok30 = w !== null && w <= REPLY_30S_S;
        ra.r30Den++;
        rh.r30Den++;
        if (ok30) {
          ra.r30Num++;
          rh.r30Num++;
        } else note('reply_30s_rate', s, rIdx, r.start, w);
        mark(ra.replied, s.buyer, w !== null, false);
        mark(rh.replied, s.buyer, w !== null, false);
        if (!svcCounted) {
          svcCounted = true;
          // the session's first counted round; auto replies never made it a sample (they are not manual)
          if (w !== null) {
            a.frSum += w;
            h.frSum += w;
            a.frN++;
            h.frN++;
          }
          a.f30Den++;
          h.f30Den++;
          if (ok30) {
            a.f30Num++;
            h.f30Num++;
          } else note('first_reply_30s_rate', s, sIdx, r.start, w);
        }
      }
    }
    if (p === 'douyin' && r3Counted) {
      a.r3Den++;
      h.r3Den++;
      if (r3Ok) {
        a.r3Num++;
        h.r3Num++;
      }
    }
    if (svcCounted) {
      a.ansNum += s.agentMessages;
      h.ansNum += s.agentMessages;
      a.ansDen += s.buyerMessages;
      h.ansDen += s.buyerMessages;
    }
  }

  const accountCells: DayCell[] = [];
  for (const acc of accounts.list) {
    const c = toCell(acc, resolver);
    if (c.metrics.size > 0) accountCells.push(c);
  }
  const shopCells: DayCell[] = [];
  for (const acc of shops.list) {
    const c = toCell(acc, resolver);
    if (c.metrics.size > 0) shopCells.push(c);
  }
  return { accounts: accountCells, shops: shopCells, evidence };
}

/** `buildSessions` then `sessionMetrics`. */
export function messageMetrics(
  messages: readonly Message[],
  rules: readonly RuleVersion[],
  options: MessageMetricOptions = {},
): MessageMetrics & { sessions: Session[] } {
  const sessions = buildSessions(messages);
  return { ...sessionMetrics(sessions, rules, options), sessions };
}
