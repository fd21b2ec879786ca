import type { Migration } from './index';

/**
 * metric_results keyed by month first, without a rowid (issue 8 item 6): the recalculation deletes and writes a
 * month's 25k rows at 200 agents; with the month leading the key that is one range of one b-tree (the rowid table
 * and its separate key index were two, and `WHERE period = ?` scanned every month's rows). Same columns, same rows.
 */
export const m018: Migration = {
  version: 18,
  name: 'metric-results-by-month',
  up(db) {
    const cols = `scope, scope_key, platform, metric, period, value, numerator, denominator, approximate, small_sample,
      threshold_op, threshold_value, pass, status, computed_at, source, summary_days, events_days`;
    db.exec(`
      CREATE TABLE metric_results_by_month (
        scope TEXT NOT NULL CHECK (scope IN ('account', 'shop', 'agent', 'agent_total')),
        scope_key TEXT NOT NULL,
        platform TEXT NOT NULL,
        metric TEXT NOT NULL,
        period TEXT NOT NULL,
        value REAL,
        numerator REAL,
        denominator REAL,
        approximate INTEGER NOT NULL DEFAULT 0,
        small_sample INTEGER NOT NULL DEFAULT 0,
        threshold_op TEXT,
        threshold_value REAL,
        pass INTEGER,
        status TEXT,
        computed_at INTEGER NOT NULL,
        source TEXT,
        summary_days INTEGER,
        events_days INTEGER,
        PRIMARY KEY (period, scope, scope_key, platform, metric)
      ) WITHOUT ROWID;
      INSERT INTO metric_results_by_month (${cols}) SELECT ${cols} FROM metric_results;
      DROP TABLE metric_results;
      ALTER TABLE metric_results_by_month RENAME TO metric_results;
    `);
  },
};
