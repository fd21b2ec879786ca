import { chinaDateTime } from '../shared/china-time';
import type { Month } from '../shared/domain';
import type { AgentKpi, MonthReport } from '../shared/report';
import type { MonthLockInfo } from '../shared/api';

export type { MonthLockInfo };
import type { Db } from './db/open';
import { UserError } from './errors';
import { toAgentKpi } from './kpi/compute';
import { freshMonth, getMonthReport, markDirty, recalcMonths, storedScores } from './report/report';

/** The month with every agent's KPI scores; a locked month is returned exactly as it was signed off. */
export function monthReport(db: Db, month: Month, now: number): MonthReport & { locked: boolean } {
  const lock = db.prepare('SELECT snapshot_json FROM month_locks WHERE month = ?').get(month) as
    { snapshot_json: string } | undefined;
  if (lock) return { ...(JSON.parse(lock.snapshot_json) as MonthReport), locked: true };
  return { ...withKpi(db, getMonthReport(db, month, now), now), locked: false };
}

/**
 * The stored KPI results beside the month's metrics: both written by the same recalculation. Each agent's entries
 * are collected in one pass over the schemes' results (not a filter of every scheme's agents per agent).
 */
function withKpi(db: Db, report: MonthReport, now: number): MonthReport {
  const byAgent = new Map<number, AgentKpi[]>();
  for (const r of storedScores(db, report.month, now))
    for (const x of r.agents) {
      const list = byAgent.get(x.agent_id);
      const k = toAgentKpi(r.scheme.name, x);
      if (list) list.push(k);
      else byAgent.set(x.agent_id, [k]);
    }
  return {
    ...report,
    agents: report.agents.map((a) => ({ ...a, kpi: byAgent.get(a.agent_id) ?? [] })),
  };
}

export function lockInfo(db: Db, month: Month): MonthLockInfo {
  const lock = db
    .prepare('SELECT locked_at, note, snapshot_json, pending_json FROM month_locks WHERE month = ?')
    .get(month) as
    | { locked_at: number; note: string | null; snapshot_json: string; pending_json: string | null }
    | undefined;
  const log = (
    db.prepare('SELECT action, at, note FROM lock_log WHERE month = ? ORDER BY id').all(month) as {
      action: 'lock' | 'unlock';
      at: number;
      note: string | null;
    }[]
  ).map((l) => ({ ...l, at: chinaDateTime(l.at) }));
  let pending = 0;
  if (lock?.pending_json) {
    const before = JSON.parse(lock.snapshot_json) as MonthReport;
    const after = JSON.parse(lock.pending_json) as MonthReport;
    const key = (a: MonthReport['accounts'][number]): string => `${a.platform}|${a.shop}|${a.account}`;
    const old = new Map(before.accounts.map((a) => [key(a), JSON.stringify(a.metrics)]));
    pending =
      after.accounts.filter((a) => old.get(key(a)) !== JSON.stringify(a.metrics)).length +
      before.accounts.filter((a) => !after.accounts.some((b) => key(b) === key(a))).length;
  }
  return {
    month,
    locked: !!lock,
    locked_at: lock ? chinaDateTime(lock.locked_at) : null,
    note: lock?.note ?? null,
    pending_changes: pending,
    log,
  };
}

/** Signs a month off: refused while any scored agent has a KCI entry missing (kpi.md §3). */
export function lockMonth(db: Db, month: Month, now: number, note: string | null = null): MonthLockInfo {
  if (db.prepare('SELECT 1 FROM month_locks WHERE month = ?').get(month))
    throw new UserError(`${month} 已锁定`);
  // a sign-off freezes the month as computed from every change so far (reads alone may be a step behind)
  freshMonth(db, month, now);
  const report = monthReport(db, month, now);
  const missing = report.agents.flatMap((a) =>
    (a.kpi ?? [])
      .filter((k) => k.kci_missing.length)
      .map((k) => `${a.agent}（${k.scheme}：${k.kci_missing.join('、')}）`),
  );
  if (missing.length) throw new UserError(`还有 KCI 未录入，不能锁定 ${month}：${missing.join('；')}`);
  db.transaction(() => {
    db.prepare('INSERT INTO month_locks (month, locked_at, note, snapshot_json) VALUES (?, ?, ?, ?)').run(
      month,
      now,
      note,
      JSON.stringify({ ...report, locked: undefined }),
    );
    db.prepare("INSERT INTO lock_log (month, action, at, note) VALUES (?, 'lock', ?, ?)").run(
      month,
      now,
      note,
    );
  })();
  return lockInfo(db, month);
}

/**
 * Unlocks a month and applies the changes that arrived while it was locked: at once, or (`defer`, the hosts) by
 * marking the month for the recalculation job.
 */
export function unlockMonth(
  db: Db,
  month: Month,
  now: number,
  note: string | null = null,
  defer = false,
): MonthLockInfo {
  if (!db.prepare('SELECT 1 FROM month_locks WHERE month = ?').get(month))
    throw new UserError(`${month} 未锁定`);
  db.transaction(() => {
    db.prepare('DELETE FROM month_locks WHERE month = ?').run(month);
    db.prepare("INSERT INTO lock_log (month, action, at, note) VALUES (?, 'unlock', ?, ?)").run(
      month,
      now,
      note,
    );
    if (defer) markDirty(db, [month]);
    else recalcMonths(db, [month], now);
  })();
  return lockInfo(db, month);
}

export function lockedMonths(db: Db): Month[] {
  return (db.prepare('SELECT month FROM month_locks ORDER BY month').all() as { month: Month }[]).map(
    (r) => r.month,
  );
}
