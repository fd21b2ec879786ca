/**
 * The recalculation job (issue 8): what `recalcDirty` does, cut into steps — one shop's stale event days, then one
 * month — each its own transaction, so the job reports progress, a cancel stops it between two steps, and a write of
 * the main thread waiting for the lock goes in between. The same function runs in the job worker (the hosts) and
 * inline (`:memory:`, tests without a worker).
 */
import type { Day, Month } from '../shared/domain';
import type { Db } from './db/open';
import { recomputeEventCells } from './events/recalc';
import { UserError } from './errors';
import { listMonths, markDirty, recalcMonths } from './report/report';

export interface StepControl {
  progress: (stage: string, done: number, total: number, file?: string, label?: string) => void;
  /** Called before each step: throws the job's cancel error when it was cancelled; may pause for a waiting write. */
  between: () => void;
}

/** No progress, no cancel: the CLI and inline callers. */
export const QUIET_STEPS: StepControl = { progress: () => undefined, between: () => undefined };

export interface RecalcRequest {
  /** every month with data, also those never stored (a roster, rule or settings change; the daily run) */
  all?: boolean;
}

export function recalcCancelled(): UserError {
  return new UserError(
    '已取消重新计算：尚未算完的月份仍显示上次的结果（标为“正在更新”），下次重新计算时补上',
    undefined,
    'cancelled',
  );
}

/**
 * Recomputes every stale event day (one shop per step) and every dirty month (one per step); returns the months
 * recomputed. A cancelled job leaves the steps not yet done marked dirty: the next run does them.
 */
export function recalcJob(
  db: Db,
  now: number,
  request: RecalcRequest,
  step: StepControl,
): { months: Month[] } {
  step.between();
  if (request.all) {
    // a month with data but no stored results (only exam warnings, say) is stored too, as `changed` always did
    const add = db.prepare(
      'INSERT INTO month_state (month, dirty) VALUES (?, 1) ON CONFLICT (month) DO NOTHING',
    );
    const months = listMonths(db);
    db.transaction(() => {
      for (const m of months) add.run(m);
    }).immediate();
  }
  const shops = (
    db.prepare('SELECT DISTINCT shop_id FROM event_dirty ORDER BY shop_id').all() as { shop_id: number }[]
  ).map((r) => r.shop_id);
  const dirtyMonths = (): Month[] =>
    (
      db.prepare('SELECT month FROM month_state WHERE dirty = 1 ORDER BY month').all() as { month: Month }[]
    ).map((r) => r.month);
  const shopName = db.prepare('SELECT name FROM shops WHERE id = ?');
  const daysOf = db.prepare('SELECT day FROM event_dirty WHERE shop_id = ?');
  const clear = db.prepare('DELETE FROM event_dirty WHERE shop_id = ? AND day = ?');
  let total = shops.length + dirtyMonths().length;
  let done = 0;
  for (const shop of shops) {
    step.between();
    const name = (shopName.get(shop) as { name: string } | undefined)?.name ?? String(shop);
    step.progress('events', done, total, undefined, `正在重新计算明细指标 ${name}`);
    // a shop's days all at once, as `recomputeDirtyEvents` does: a day's status and the 72-hour windows read the
    // neighbouring days loaded with it
    db.transaction(() => {
      const days = (daysOf.all(shop) as { day: Day }[]).map((r) => r.day);
      if (days.length === 0) return;
      recomputeEventCells(db, new Map([[shop, new Set(days)]]), now);
      for (const d of days) clear.run(shop, d);
      // the months those days fall in read the new cells
      markDirty(
        db,
        days.map((d) => d.slice(0, 7)),
      );
    }).immediate();
    done++;
  }
  const months = dirtyMonths();
  total = done + months.length;
  for (const month of months) {
    step.between();
    step.progress('recalc', done, total, month, `正在重新计算 ${month}`);
    recalcMonths(db, [month], now);
    done++;
  }
  step.progress('recalc', done, total, undefined, '重新计算完成');
  return { months };
}

/**
 * A change that can move every result (roster, rules, settings, exam warnings, the daily run): every stored month,
 * and with `events` every shop-day with event rows, is marked for the recalculation job. Cheap on any database: an
 * UPDATE of one row per month and an INSERT … SELECT over the (shop, day) indexes, no data row read.
 */
export function markAllDirty(db: Db, events = false): void {
  if (events)
    db.prepare(
      `INSERT OR IGNORE INTO event_dirty (shop_id, day)
       SELECT shop_id, day FROM messages UNION SELECT shop_id, day FROM ratings UNION SELECT shop_id, day FROM orders`,
    ).run();
  db.prepare('UPDATE month_state SET dirty = 1').run();
}
