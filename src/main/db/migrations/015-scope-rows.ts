import type { Migration } from './index';

/**
 * Results per scope (issue 8 item 6): the recalculation stores each account's, shop's and agent's entry of the month
 * report as its own row (`report_rows`; the month report is assembled from them, month_state.report_json is no longer
 * written), the 客服 table's rows (`agent_rows`: one per agent and platform, the row's names, shops and metric values)
 * and each agent's score per scheme (`agent_kpi`), so a screen reads one scope or one page instead of the whole
 * month as one document. Months computed before this version are marked dirty so the next recalculation fills the
 * new tables; until then reads are served from their old report_json.
 */
export const m015: Migration = {
  version: 15,
  name: 'scope-rows',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS report_rows (
        month TEXT NOT NULL,
        scope TEXT NOT NULL CHECK (scope IN ('account', 'shop', 'agent', 'notices')),
        -- account: platform|shop|account, shop: platform|shop, agent: the agent id, notices: '' (the month's list)
        key TEXT NOT NULL,
        -- the order in the month report
        seq INTEGER NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (month, scope, key)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS agent_rows (
        month TEXT NOT NULL,
        -- the month report's order: agents by id, each agent's platforms in report order
        seq INTEGER NOT NULL,
        agent_id INTEGER NOT NULL,
        platform TEXT NOT NULL,
        -- the row without its metric set (that is in the agent's report_rows entry), plus {values: {metric: value}}
        -- for sorting and the column list
        head_json TEXT NOT NULL,
        PRIMARY KEY (month, seq)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS agent_kpi (
        month TEXT NOT NULL,
        scheme TEXT NOT NULL,
        agent_id INTEGER NOT NULL,
        json TEXT NOT NULL,
        PRIMARY KEY (month, scheme, agent_id)
      ) WITHOUT ROWID;
      UPDATE month_state SET dirty = 1 WHERE computed_at IS NOT NULL;
    `);
  },
};
