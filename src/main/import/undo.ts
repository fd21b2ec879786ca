import { eachMonth, monthOf } from '../../shared/china-time';
import type { Month } from '../../shared/domain';
import type { UndoResult } from '../../shared/api';
import type { Db } from '../db/open';
import { UserError } from '../errors';
import { markDirty } from '../report/report';
import { handOver, ROSTER_LAYOUT, undoRoster } from './roster';
import { undoEvents } from '../events/commit';
import { markEventDays, widenMessageDays, widenOrderDays } from '../events/recalc';

/**
 * Removes an import batch: its facts go, the versions it replaced come back (unless a later active batch also
 * covers them), and the affected event days and months are marked for recomputation — in one transaction. The
 * recalculation job (`recalcJob`: the hosts' worker, or the CLI right after) recomputes them.
 */
export function undoBatch(db: Db, batchId: number, now: number): UndoResult {
  return db.transaction((): UndoResult => {
    const batch = db.prepare('SELECT id, status, layout FROM import_batches WHERE id = ?').get(batchId) as
      { id: number; status: string; layout: string } | undefined;
    if (!batch) throw new UserError(`没有找到导入批次 ${batchId}`);
    if (batch.status !== 'active') throw new UserError(`导入批次 ${batchId} 已撤销`);
    if (batch.layout === ROSTER_LAYOUT.id) {
      const removed = undoRoster(db, batchId);
      db.prepare("UPDATE import_batches SET status = 'undone', undone_at = ? WHERE id = ?").run(now, batchId);
      // ownership may have moved in every stored month (a month never stored is computed when read)
      db.prepare('UPDATE month_state SET dirty = 1').run();
      const all = (
        db.prepare('SELECT month FROM month_state ORDER BY month').all() as { month: Month }[]
      ).map((r) => r.month);
      return { batch_id: batchId, removed, restored: 0, months: all };
    }
    const months = new Set<Month>();
    const span = db
      .prepare(
        'SELECT MIN(period_from) AS f, MAX(period_to) AS t FROM facts WHERE batch_id = ? OR superseded_by = ?',
      )
      .get(batchId, batchId) as {
      f: string | null;
      t: string | null;
    };
    if (span.f && span.t) for (const m of eachMonth(monthOf(span.f), monthOf(span.t))) months.add(m);
    // event batches: the days their rows cover (the batch row carries the span)
    const own = db
      .prepare('SELECT period_from AS f, period_to AS t FROM import_batches WHERE id = ?')
      .get(batchId) as { f: string | null; t: string | null };
    if (batch.layout.startsWith('events_') && own.f && own.t)
      for (const m of eachMonth(monthOf(own.f), monthOf(own.t))) months.add(m);

    const lockedHit = [...months].filter((m) =>
      db.prepare('SELECT 1 FROM month_locks WHERE month = ?').get(m),
    );
    if (lockedHit.length)
      throw new UserError(
        `批次 ${batchId} 的数据属于已锁定的月份 ${lockedHit.join('、')}，不能撤销；请先解锁该月`,
      );
    const events = undoEvents(db, batchId);
    if (events.touched.size) {
      const widened = new Map(
        [...events.touched].map(([shop, set]) => [
          shop,
          batch.layout === 'events_orders' ? widenOrderDays(set) : widenMessageDays(set),
        ]),
      );
      markEventDays(db, widened);
      for (const set of widened.values()) for (const d of set) months.add(monthOf(d));
    }
    const replaced = db
      .prepare('SELECT id, account_id, field, period_from, period_to FROM facts WHERE superseded_by = ?')
      .all(batchId) as {
      id: number;
      account_id: number;
      field: string;
      period_from: string;
      period_to: string;
    }[];
    handOver(db, 'fact', 'facts', batchId);
    const removed = db.prepare('DELETE FROM facts WHERE batch_id = ?').run(batchId).changes;
    // a later batch whose fact also covers the restored one keeps it superseded
    const coveredBy = db.prepare(
      `SELECT f.batch_id FROM facts f JOIN import_batches b ON b.id = f.batch_id AND b.status = 'active'
        WHERE f.account_id = ? AND f.field = ? AND f.superseded_by IS NULL AND f.period_from <= ? AND f.period_to >= ?
        ORDER BY f.batch_id DESC LIMIT 1`,
    );
    const set = db.prepare('UPDATE facts SET superseded_by = ? WHERE id = ?');
    let restored = 0;
    for (const f of replaced) {
      const later = coveredBy.get(f.account_id, f.field, f.period_from, f.period_to) as
        { batch_id: number } | undefined;
      set.run(later?.batch_id ?? null, f.id);
      if (!later) restored++;
    }
    db.prepare("UPDATE import_batches SET status = 'undone', undone_at = ? WHERE id = ?").run(now, batchId);
    db.prepare('DELETE FROM batch_rows WHERE batch_id = ?').run(batchId);
    markDirty(db, months);
    return {
      batch_id: batchId,
      removed: removed + events.removed,
      restored: restored + events.restored,
      months: [...months].sort(),
    };
  })();
}
