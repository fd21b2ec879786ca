/**
 * Douyin negative-service exam warnings (metrics.md §7, seed 002). All date arithmetic is on China calendar days;
 * attempts are instants compared with China day boundaries.
 */
import { addDays, chinaDay, daysBetween, isoWeekday, monthOf } from '../china-time';
import type { Day, Month, Platform } from '../domain';
import type { Contribution } from '../rollup';
import type { RuleVersion } from '../rules';
import { engineRule, RULE_KEYS } from './rule-defaults';
import type { DayCell, ExamWarning } from './types';

export type ExamStatus = 'passed' | 'passed_late' | 'overdue' | 'open';

export const EXAM_STATUS_ZH: Record<ExamStatus, string> = {
  open: '待考试',
  passed: '已通过',
  overdue: '逾期未考',
  passed_late: '逾期后通过',
};

/** Configurable default N: the deadline is the notice date + N days. */
export const EXAM_DEADLINE_DAYS = 7;
/** The exam passes only at 100 points. */
export const EXAM_PASS_SCORE = 100;
/** Two warnings of one agent whose week starts are at most this many days apart make a repeat offender. */
export const REPEAT_OFFENDER_DAYS = 21;

/** The Monday of the natural week (Mon–Sun) containing a day. */
export function weekMonday(day: Day): Day {
  return addDays(day, -isoWeekday(day));
}

/** The file's notice date, else the Tuesday after the reviewed week. */
export function examNoticeDate(w: Pick<ExamWarning, 'weekStart' | 'noticeDate'>): Day {
  return w.noticeDate ?? addDays(weekMonday(w.weekStart), 8);
}

/** The file's deadline, else notice date + N days; inclusive to 23:59:59 China time. */
export function examDeadline(
  w: Pick<ExamWarning, 'weekStart' | 'noticeDate' | 'deadline'>,
  days = EXAM_DEADLINE_DAYS,
): Day {
  return w.deadline ?? addDays(examNoticeDate(w), days);
}

export interface ExamState {
  status: ExamStatus;
  label: string;
  noticeDate: Day;
  deadline: Day;
  /** Open: days from asOf to the deadline (0 on the deadline day). Otherwise null. */
  daysLeft: number | null;
  /** The first 100 known as of asOf. */
  passedAt: number | null;
}

/** Status as of a day: attempts after that day are not known yet and are ignored. */
export function examStatus(w: ExamWarning, asOf: Day, days = EXAM_DEADLINE_DAYS): ExamState {
  const noticeDate = examNoticeDate(w);
  const deadline = examDeadline(w, days);
  let passedAt: number | null = null;
  for (const a of w.attempts) {
    if (a.score < EXAM_PASS_SCORE || chinaDay(a.time) > asOf) continue;
    if (passedAt === null || a.time < passedAt) passedAt = a.time;
  }
  let status: ExamStatus;
  if (passedAt !== null) status = chinaDay(passedAt) <= deadline ? 'passed' : 'passed_late';
  else status = asOf > deadline ? 'overdue' : 'open';
  return {
    status,
    label: EXAM_STATUS_ZH[status],
    noticeDate,
    deadline,
    daysLeft: status === 'open' ? daysBetween(asOf, deadline) : null,
    passedAt,
  };
}

/** Not passed by the deadline, as known on asOf (it stays so if passed later). */
function missedDeadline(w: ExamWarning, asOf: Day, days: number): boolean {
  const s = examStatus(w, asOf, days).status;
  return s === 'overdue' || s === 'passed_late';
}

const count = (n: number): Contribution => ({ num: n, den: null, approximate: false, unit: null });

/**
 * `exam_warnings` on the notice day and `exam_overdue` on deadline + 1, per (platform, shop, account, day), as known
 * on asOf: a month's sum gives its counts (metrics.md §7).
 */
export function examDayCells(
  warnings: readonly ExamWarning[],
  asOf: Day,
  days = EXAM_DEADLINE_DAYS,
): DayCell[] {
  const cells = new Map<
    string,
    { platform: Platform; shop: string; account: string; day: Day; warnings: number; overdue: number }
  >();
  const get = (w: ExamWarning, day: Day) => {
    const k = `${w.platform}\u0001${w.shop}\u0001${w.account}\u0001${day}`;
    let c = cells.get(k);
    if (!c) {
      c = { platform: w.platform, shop: w.shop, account: w.account, day, warnings: 0, overdue: 0 };
      cells.set(k, c);
    }
    return c;
  };
  for (const w of warnings) {
    const notice = examNoticeDate(w);
    if (notice <= asOf) get(w, notice).warnings++;
    const after = addDays(examDeadline(w, days), 1);
    if (after <= asOf && missedDeadline(w, asOf, days)) get(w, after).overdue++;
  }
  return [...cells.values()].map((c) => {
    const metrics = new Map<'exam_warnings' | 'exam_overdue', Contribution>();
    if (c.warnings > 0) metrics.set('exam_warnings', count(c.warnings));
    if (c.overdue > 0) metrics.set('exam_overdue', count(c.overdue));
    return { platform: c.platform, shop: c.shop, account: c.account, day: c.day, metrics };
  });
}

export interface ExamMonthCount {
  platform: Platform;
  shop: string;
  account: string;
  exam_warnings: number;
  exam_overdue: number;
}

/** Per-account counts for a month as known on asOf. */
export function examMonthCounts(
  warnings: readonly ExamWarning[],
  month: Month,
  asOf: Day,
  days = EXAM_DEADLINE_DAYS,
): ExamMonthCount[] {
  const out = new Map<string, ExamMonthCount>();
  for (const c of examDayCells(warnings, asOf, days)) {
    if (monthOf(c.day) !== month) continue;
    const k = `${c.platform}\u0001${c.shop}\u0001${c.account}`;
    let m = out.get(k);
    if (!m) {
      m = { platform: c.platform, shop: c.shop, account: c.account!, exam_warnings: 0, exam_overdue: 0 };
      out.set(k, m);
    }
    m.exam_warnings += c.metrics.get('exam_warnings')?.num ?? 0;
    m.exam_overdue += c.metrics.get('exam_overdue')?.num ?? 0;
  }
  return [...out.values()];
}

export interface RepeatOffender {
  agent: string;
  /** Two warnings whose week starts are ≤ 21 days apart, earlier first. */
  pair: [ExamWarning, ExamWarning];
}

/**
 * Agents with two warnings whose week starts are at most 21 days apart (one entry per consecutive such pair).
 * `agentOf` maps a warning to the agent owning its account in its week (null: no one, or 归属不明).
 */
export function repeatOffenders(
  warnings: readonly ExamWarning[],
  agentOf: (w: ExamWarning) => string | null,
): RepeatOffender[] {
  const byAgent = new Map<string, { w: ExamWarning; week: Day }[]>();
  for (const w of warnings) {
    const agent = agentOf(w);
    if (agent === null) continue;
    const list = byAgent.get(agent) ?? [];
    list.push({ w, week: weekMonday(w.weekStart) });
    byAgent.set(agent, list);
  }
  const out: RepeatOffender[] = [];
  for (const [agent, list] of byAgent) {
    list.sort((a, b) => (a.week < b.week ? -1 : a.week > b.week ? 1 : 0));
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1]!;
      const cur = list[i]!;
      if (daysBetween(prev.week, cur.week) <= REPEAT_OFFENDER_DAYS)
        out.push({ agent, pair: [prev.w, cur.w] });
    }
  }
  return out;
}

/** N from the rule version in force on the warning's notice day (`exam.deadline_days`), default 7. */
export function deadlineDaysFor(rules: readonly RuleVersion[], w: ExamWarning): number {
  return engineRule(rules, w.platform, RULE_KEYS.examDeadlineDays, examNoticeDate(w), EXAM_DEADLINE_DAYS);
}
