import type { Migration } from './index';

/**
 * The results store (issue 8): KPI results per (month, scheme), computed with the month's metrics from one load of
 * the month; each stored metric value keeps its source (平台导出 / 明细计算 / 混合) and the days from each. Months
 * overview's daily series are stored beside the month report. Months computed before this version are marked dirty so the next recalculation fills the new columns and table.
 */
export const m009: Migration = {
  version: 9,
  name: 'results-store',
  up(db) {
    db.exec(`
      CREATE TABLE kpi_results (
        month TEXT NOT NULL,
        scheme TEXT NOT NULL,
        json TEXT NOT NULL,
        computed_at INTEGER NOT NULL,
        PRIMARY KEY (month, scheme)
      );
      ALTER TABLE metric_results ADD COLUMN source TEXT;
      ALTER TABLE metric_results ADD COLUMN summary_days INTEGER;
      ALTER TABLE metric_results ADD COLUMN events_days INTEGER;
      ALTER TABLE month_state ADD COLUMN overview_json TEXT;
      UPDATE month_state SET dirty = 1 WHERE computed_at IS NOT NULL;
    `);
  },
};
