import type { Migration } from './index';

/**
 * The 账号 and 店铺 tables' rows as the recalculation leaves them (issue 8 item 5): each account's and shop's head
 * (names and metric values, what the tabs search, filter and sort on) and its sparkline series. `report:scopes` read
 * them out of each entry's JSON and the month's overview with SQLite's JSON functions: 90–130 ms per page at 200
 * agents, too slow for a main-process call while a job runs. Months computed before this version are marked dirty so
 * the next recalculation fills the table; until then the page is read the old way.
 */
export const m019: Migration = {
  version: 19,
  name: 'scope-heads',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS scope_heads (
        month TEXT NOT NULL,
        scope TEXT NOT NULL CHECK (scope IN ('account', 'shop')),
        -- the order in the month report (report_rows.seq)
        seq INTEGER NOT NULL,
        -- report_rows.key of the entry
        key TEXT NOT NULL,
        -- ScopeHead: the row key, names and {metric: value}
        head_json TEXT NOT NULL,
        -- the sparkline series (SPARK_METRICS) of the entry; null when it has none
        daily_json TEXT,
        PRIMARY KEY (month, scope, seq)
      ) WITHOUT ROWID;
      UPDATE month_state SET dirty = 1 WHERE computed_at IS NOT NULL;
    `);
  },
};
