import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/main/db/open';
import { generateDemo } from '../../src/main/demo/generate';
import { importFile } from '../../src/main/import/pipeline';
import { undoBatch } from '../../src/main/import/undo';
import { forgetLoads, recalcDirty } from '../../src/main/report/report';
import { chinaEpoch } from '../../src/shared/china-time';
import { tempDb } from './helpers';

// 2026-11-05 10:00 China: the demo month is October, every October day past its T+2 lag
const NOW = chinaEpoch(2026, 11, 5, 10, 0, 0)!;
const MONTH = '2026-10';
const LAST = `${MONTH}-31`;

type Table =
  | 'metric_results'
  | 'report_rows'
  | 'agent_rows'
  | 'scope_heads'
  | 'agent_kpi'
  | 'kpi_results'
  | 'month_state';

/** Every stored result of the recalculation, in a fixed order: what must not depend on how it was reached. */
function results(db: Db): Record<Table, unknown[]> {
  const all = (sql: string): unknown[] => db.prepare(sql).raw().all();
  return {
    metric_results: all('SELECT * FROM metric_results ORDER BY period, scope, scope_key, platform, metric'),
    report_rows: all('SELECT * FROM report_rows ORDER BY month, scope, key'),
    agent_rows: all('SELECT * FROM agent_rows ORDER BY month, seq'),
    scope_heads: all('SELECT * FROM scope_heads ORDER BY month, scope, seq'),
    agent_kpi: all('SELECT * FROM agent_kpi ORDER BY month, scheme, agent_id'),
    kpi_results: all('SELECT * FROM kpi_results ORDER BY month, scheme'),
    month_state: all(
      'SELECT month, report_json, overview_json, computed_at, dirty FROM month_state ORDER BY month',
    ),
  };
}

/** The same database's results recalculated from nothing: a copy with every stored result removed, then recalculated. */
function fromScratch(db: Db, name: string): Record<Table, unknown[]> {
  const path = join(dirname(db.name), `${name}.db`);
  rmSync(path, { force: true });
  db.prepare('VACUUM INTO ?').run(path);
  const copy = openDb(path);
  copy.exec(`DELETE FROM metric_results; DELETE FROM report_rows; DELETE FROM agent_rows; DELETE FROM scope_heads;
    DELETE FROM agent_kpi;
    DELETE FROM kpi_results; UPDATE month_state SET report_json = NULL, overview_json = NULL, computed_at = NULL, dirty = 1;`);
  // nothing kept from the recalculations of the database compared
  forgetLoads();
  recalcDirty(copy, NOW);
  const out = results(copy);
  copy.close();
  return out;
}

function count(r: Record<Table, unknown[]>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.length]));
}

describe('the recalculation after one more day', () => {
  it('stores exactly what a recalculation from nothing stores, after the day and after undoing it', () => {
    const db = openDb(tempDb());
    const { files } = generateDemo({ now: NOW, month: MONTH });
    // the one-day files of the last day (the ranges of the month, 快手 and 千牛, come with the rest)
    const lastDay = files.filter((f) => f.name.includes(LAST) && !f.name.includes('~'));
    expect(lastDay.length).toBeGreaterThanOrEqual(4);
    for (const f of files.filter((x) => !lastDay.includes(x)))
      expect(importFile(db, f.name, f.bytes, {}, NOW).status).toBe('imported');
    expect(recalcDirty(db, NOW)).toContain(MONTH);
    const before = results(db);
    expect(before.metric_results.length).toBeGreaterThan(1000);
    expect(before.scope_heads.length).toBeGreaterThan(10);
    expect(before).toEqual(fromScratch(db, 'before'));

    const batches = lastDay.map((f) => {
      const r = importFile(db, f.name, f.bytes, {}, NOW);
      expect(r.status).toBe('imported');
      return r.batch_id!;
    });
    expect(recalcDirty(db, NOW)).toContain(MONTH);
    const after = results(db);
    // the day moved results: the comparison below is not between two unchanged stores
    expect(after.report_rows).not.toEqual(before.report_rows);
    expect(after.scope_heads).not.toEqual(before.scope_heads);
    expect(after.metric_results).not.toEqual(before.metric_results);
    const scratch = fromScratch(db, 'after');
    expect(count(after)).toEqual(count(scratch));
    expect(after).toEqual(scratch);

    // undoing the day's first file brings its rows back out: again what a recalculation from nothing stores
    undoBatch(db, batches[0]!, NOW);
    expect(recalcDirty(db, NOW)).toContain(MONTH);
    const undone = results(db);
    expect(undone.metric_results).not.toEqual(after.metric_results);
    expect(undone).toEqual(fromScratch(db, 'undone'));
    // and undoing all of them gives back the month before the day (the day's file named an account's nickname,
    // which stays: the results are compared with a recalculation from nothing, not with the month before)
    for (const b of batches.slice(1)) undoBatch(db, b, NOW);
    recalcDirty(db, NOW);
    const none = results(db);
    expect(none.metric_results).toEqual(before.metric_results);
    expect(none).toEqual(fromScratch(db, 'none'));

    // undoing the roster: every agent's rows go (rows the fast path must delete, not only rewrite)
    const roster = db
      .prepare("SELECT id FROM import_batches WHERE layout = 'roster'")
      .pluck()
      .get() as number;
    undoBatch(db, roster, NOW);
    recalcDirty(db, NOW);
    const noRoster = results(db);
    expect(noRoster.metric_results.length).toBeLessThan(none.metric_results.length);
    expect(noRoster).toEqual(fromScratch(db, 'no-roster'));
    db.close();
  }, 120_000);
});
