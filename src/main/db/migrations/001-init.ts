import type { Migration } from './index';
import { DEFAULT_RULES } from '../../../shared/rules';

/**
 * The first schema: reference data, roster, import batches, versioned per-agent facts, rule versions and stored
 * metric results. Dates are China days (`YYYY-MM-DD`), instants epoch seconds.
 */
export const m001: Migration = {
  version: 1,
  name: 'init',
  up(db) {
    db.exec(`
      CREATE TABLE platforms (
        id TEXT PRIMARY KEY,
        name_zh TEXT NOT NULL
      );
      CREATE TABLE clients (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
      );
      CREATE TABLE shops (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL REFERENCES platforms(id),
        name TEXT NOT NULL,
        client_id INTEGER REFERENCES clients(id) ON DELETE SET NULL,
        UNIQUE (platform, name)
      );
      -- An account is (platform, shop, account id): the unit of storage (metrics.md §0).
      CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        shop_id INTEGER NOT NULL REFERENCES shops(id),
        account TEXT NOT NULL,
        nickname TEXT,
        UNIQUE (shop_id, account)
      );
      CREATE TABLE agents (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        employee_no TEXT,
        team TEXT,
        active INTEGER NOT NULL DEFAULT 1
      );
      -- Ownership per China day: valid_from/valid_to inclusive, NULL = open-ended.
      CREATE TABLE agent_accounts (
        id INTEGER PRIMARY KEY,
        agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        valid_from TEXT,
        valid_to TEXT
      );
      CREATE INDEX agent_accounts_account ON agent_accounts(account_id);

      CREATE TABLE import_batches (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        layout TEXT NOT NULL,
        platform TEXT REFERENCES platforms(id),
        shop_id INTEGER REFERENCES shops(id),
        period_from TEXT,
        period_to TEXT,
        period_source TEXT,
        rows_read INTEGER NOT NULL DEFAULT 0,
        rows_accepted INTEGER NOT NULL DEFAULT 0,
        rows_rejected INTEGER NOT NULL DEFAULT 0,
        rows_new INTEGER NOT NULL DEFAULT 0,
        rows_updated INTEGER NOT NULL DEFAULT 0,
        rows_unchanged INTEGER NOT NULL DEFAULT 0,
        rejections_json TEXT NOT NULL DEFAULT '[]',
        imported_at INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'undone')),
        undone_at INTEGER
      );
      CREATE INDEX import_batches_sha ON import_batches(sha256);

      -- The source rows of a batch, kept for drill-down ("the import rows behind this number").
      CREATE TABLE batch_rows (
        batch_id INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
        sheet TEXT NOT NULL,
        row INTEGER NOT NULL,
        account_id INTEGER REFERENCES accounts(id),
        period_from TEXT,
        period_to TEXT,
        cells_json TEXT NOT NULL,
        PRIMARY KEY (batch_id, sheet, row)
      );
      CREATE INDEX batch_rows_account ON batch_rows(account_id, period_from);

      -- A per-agent export cell: exact value n/d (d a power of ten), or NULL for "no data" (-, 暂无数据...).
      -- A newer fact supersedes older ones of the same account and field inside its period (metrics.md §5);
      -- superseded facts stay for history and undo.
      CREATE TABLE facts (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        field TEXT NOT NULL,
        period_from TEXT NOT NULL,
        period_to TEXT NOT NULL,
        value_n INTEGER,
        value_d INTEGER,
        batch_id INTEGER NOT NULL REFERENCES import_batches(id),
        sheet TEXT NOT NULL,
        row INTEGER NOT NULL,
        superseded_by INTEGER REFERENCES import_batches(id)
      );
      CREATE INDEX facts_account_field ON facts(account_id, field, period_from);
      CREATE INDEX facts_batch ON facts(batch_id);
      CREATE INDEX facts_superseded ON facts(superseded_by);

      -- Rule parameters by effective date (metrics.md intro): thresholds, windows, flags.
      CREATE TABLE rule_versions (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL REFERENCES platforms(id),
        key TEXT NOT NULL,
        value_json TEXT NOT NULL,
        effective_from TEXT NOT NULL,
        effective_to TEXT,
        source TEXT,
        note TEXT
      );
      CREATE INDEX rule_versions_key ON rule_versions(platform, key, effective_from);

      -- Stored results of the last recalculation, per scope and period.
      CREATE TABLE metric_results (
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
        PRIMARY KEY (scope, scope_key, platform, metric, period)
      );
      CREATE TABLE month_state (
        month TEXT PRIMARY KEY,
        report_json TEXT,
        computed_at INTEGER,
        locked INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL
      );
    `);
    const platform = db.prepare('INSERT INTO platforms (id, name_zh) VALUES (?, ?)');
    for (const [id, zh] of [
      ['douyin', '抖音'],
      ['kuaishou', '快手'],
      ['jd', '京东'],
      ['taobao', '淘宝'],
    ] as const) {
      platform.run(id, zh);
    }
    const rule = db.prepare(
      `INSERT INTO rule_versions (platform, key, value_json, effective_from, effective_to, source, note)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of DEFAULT_RULES) {
      rule.run(
        r.platform,
        r.key,
        JSON.stringify(r.value),
        r.effective_from,
        r.effective_to ?? null,
        r.source,
        r.note ?? null,
      );
    }
  },
};
