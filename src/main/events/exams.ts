import { chinaDateTime, chinaDay } from '../../shared/china-time';
import type { Day, Platform } from '../../shared/domain';
import { deadlineDaysFor, examDayCells, examStatus, repeatOffenders } from '../../shared/engine/exams';
import type { DayCell, ExamWarning } from '../../shared/engine/types';
import type { RuleVersion } from '../../shared/rules';
import type { ExamRowView } from '../../shared/events-view';
import type { Db } from '../db/open';
import { UserError } from '../errors';
import { ensureAccount } from '../import/commit';
import { keyHash } from './map';
import { shopKeyName } from '../import/shop-names';

export interface StoredWarning extends ExamWarning {
  key: string;
  shop_id: number;
}

/** Current exam warnings with their attempts (hand-entered ones included). */
export function loadExamWarnings(db: Db): StoredWarning[] {
  const warnings = db
    .prepare(
      `SELECT w.key, w.shop_id, s.platform, s.name AS shop, w.account, w.week_start, w.reasons, w.notice_date, w.deadline
         FROM exam_warnings w JOIN shops s ON s.id = w.shop_id WHERE w.superseded_by IS NULL ORDER BY w.week_start, w.account`,
    )
    .all() as {
    key: string;
    shop_id: number;
    platform: Platform;
    shop: string;
    account: string;
    week_start: Day;
    reasons: string;
    notice_date: Day | null;
    deadline: Day | null;
  }[];
  const attempts = db
    .prepare('SELECT warning_key, time, score FROM exam_attempts WHERE superseded_by IS NULL ORDER BY time')
    .all() as { warning_key: string; time: number; score: number }[];
  const byKey = new Map<string, { time: number; score: number }[]>();
  for (const a of attempts)
    byKey.set(a.warning_key, [...(byKey.get(a.warning_key) ?? []), { time: a.time, score: a.score }]);
  return warnings.map((w) => ({
    key: w.key,
    shop_id: w.shop_id,
    platform: w.platform,
    shop: w.shop,
    account: w.account,
    weekStart: w.week_start,
    reasons: w.reasons,
    noticeDate: w.notice_date,
    deadline: w.deadline,
    attempts: byKey.get(w.key) ?? [],
  }));
}

/** exam_warnings / exam_overdue day cells as known on `now` (metrics.md §7). */
export function examCells(db: Db, rules: readonly RuleVersion[], now: number): DayCell[] {
  const asOf = chinaDay(now);
  return loadExamWarnings(db).flatMap((w) => examDayCells([w], asOf, deadlineDaysFor(rules, w)));
}

export type ExamRow = ExamRowView;

/** The 考试预警 tracker as of a day: status, days left, attempts, agent and repeat offenders. */
export function examReport(db: Db, rules: readonly RuleVersion[], asOf: Day): ExamRow[] {
  const warnings = loadExamWarnings(db);
  const owner = db.prepare(
    `SELECT g.id, g.name FROM agent_accounts aa JOIN agents g ON g.id = aa.agent_id JOIN accounts a ON a.id = aa.account_id
      WHERE a.shop_id = ? AND a.account = ? AND COALESCE(aa.valid_from, '0000') <= ? AND COALESCE(aa.valid_to, '9999') >= ?`,
  );
  const agentOf = (w: StoredWarning): { id: number; name: string } | null => {
    const rows = owner.all(w.shop_id, w.account, w.weekStart, w.weekStart) as { id: number; name: string }[];
    return rows.length === 1 ? rows[0]! : null;
  };
  const agents = new Map(warnings.map((w) => [w.key, agentOf(w)]));
  const repeat = new Set(
    repeatOffenders(warnings, (w) => {
      const a = agents.get((w as StoredWarning).key);
      return a ? String(a.id) : null;
    }).flatMap((r) => r.pair.map((w) => (w as StoredWarning).key)),
  );
  return warnings.map((w) => {
    const st = examStatus(w, asOf, deadlineDaysFor(rules, w));
    const a = agents.get(w.key) ?? null;
    return {
      key: w.key,
      platform: w.platform,
      shop: w.shop,
      account: w.account,
      agent_id: a?.id ?? null,
      agent: a?.name ?? null,
      week_start: w.weekStart,
      reasons: w.reasons,
      notice_date: st.noticeDate,
      deadline: st.deadline,
      status: st.status,
      label: st.label,
      days_left: st.daysLeft,
      attempts: w.attempts
        .filter((t) => chinaDay(t.time) <= asOf)
        .map((t) => ({ time: chinaDateTime(t.time), score: t.score })),
      repeat: repeat.has(w.key),
    };
  });
}

/** A warning entered by hand (the screen's 新增预警), keyed like an imported one (account, week). */
export function addWarning(
  db: Db,
  w: {
    platform: Platform;
    shop: string;
    account: string;
    week_start: Day;
    reasons: string;
    notice_date?: Day | null;
    deadline?: Day | null;
  },
): string {
  const { shopId } = ensureAccount(db, w.platform, w.shop, w.account, null);
  // keyed as an imported row of the same shop would be (an alias spelling or a renamed shop: the stored key name)
  const key = keyHash(['e', w.platform, shopKeyName(db, shopId), w.account, w.week_start]);
  if (db.prepare('SELECT 1 FROM exam_warnings WHERE key = ? AND superseded_by IS NULL').get(key))
    throw new UserError(`${w.account} 在 ${w.week_start} 这一周已有预警`);
  db.prepare(
    'INSERT INTO exam_warnings (key, shop_id, account, week_start, reasons, notice_date, deadline, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)',
  ).run(key, shopId, w.account, w.week_start, w.reasons, w.notice_date ?? null, w.deadline ?? null);
  return key;
}

/** Marks an exam result by hand: one attempt (time, score); 100 passes. */
export function addAttempt(db: Db, warningKey: string, time: number, score: number): void {
  if (!db.prepare('SELECT 1 FROM exam_warnings WHERE key = ? AND superseded_by IS NULL').get(warningKey))
    throw new UserError('没有找到这条预警');
  if (!(score >= 0 && score <= 100)) throw new UserError('成绩应在 0–100 之间');
  db.prepare(
    'INSERT INTO exam_attempts (key, warning_key, time, score, batch_id) VALUES (?, ?, ?, ?, NULL)',
  ).run(keyHash(['a', warningKey, time]), warningKey, time, score);
}
