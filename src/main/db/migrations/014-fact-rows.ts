import type Database from 'better-sqlite3';
import type { Migration } from './index';

/**
 * Packed per-agent facts (issue 8 item 6): one `fact_rows` row per source row of an import (account, batch, sheet,
 * row, period) with its fields as one JSON object `{"field": {"n": n, "d": d} or null, …}` (the exact values): the
 * month read-back reads ~24k packed rows instead of ~300k per-field facts. `facts` stays the versioned store the
 * imports and undo write; the packed rows are derived from it: the recalculation packs every active batch not yet
 * packed (packFacts), and triggers drop a batch's packed rows whenever its facts are deleted (undo) or moved (a
 * hand-over to another batch), so a stale pack is never read. Facts are only ever inserted for the batch their import
 * creates in the same transaction (commit, order-lines), which is never packed yet: there is no insert trigger (one
 * fired per fact tripled an import's time). This migration packs the existing database.
 */
export const m014: Migration = {
  version: 14,
  name: 'fact-rows',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS fact_rows (
        batch_id INTEGER NOT NULL,
        sheet TEXT NOT NULL,
        row INTEGER NOT NULL,
        account_id INTEGER NOT NULL,
        period_from TEXT NOT NULL,
        period_to TEXT NOT NULL,
        -- the lowest facts.id of the row: file order among rows with the same row number
        first_id INTEGER NOT NULL,
        fields TEXT NOT NULL,
        PRIMARY KEY (batch_id, sheet, row, account_id, period_from, period_to)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS fact_rows_period ON fact_rows(period_to, period_from);
      CREATE INDEX IF NOT EXISTS fact_rows_account ON fact_rows(account_id, period_to);
      CREATE TRIGGER IF NOT EXISTS facts_delete_unpack AFTER DELETE ON facts BEGIN
        DELETE FROM fact_rows WHERE batch_id = OLD.batch_id;
      END;
      CREATE TRIGGER IF NOT EXISTS facts_update_unpack
        AFTER UPDATE OF account_id, field, period_from, period_to, value_n, value_d, batch_id, sheet, row ON facts
      BEGIN
        DELETE FROM fact_rows WHERE batch_id IN (OLD.batch_id, NEW.batch_id);
      END;
    `);
    packFacts(db);
  },
};

/**
 * Packs the facts of every active batch that has none packed yet. Run by the recalculation (inside its write
 * transaction) and by this migration; a batch is packed whole in one statement, so "has packed rows" means "packed".
 * The batches are chosen first: an INSERT whose SELECT tests the table it fills is not evaluated the same way by
 * every SQLite version.
 */
export function packFacts(db: Database.Database): number {
  const batches = db
    .prepare(
      `SELECT b.id FROM import_batches b
        WHERE b.status = 'active' AND NOT EXISTS (SELECT 1 FROM fact_rows p WHERE p.batch_id = b.id)
          AND EXISTS (SELECT 1 FROM facts f WHERE f.batch_id = b.id)`,
    )
    .pluck()
    .all() as number[];
  const pack = db.prepare(
    `INSERT INTO fact_rows (batch_id, sheet, row, account_id, period_from, period_to, first_id, fields)
     SELECT f.batch_id, f.sheet, f.row, f.account_id, f.period_from, f.period_to, MIN(f.id),
            json_group_object(f.field, CASE WHEN f.value_n IS NULL OR f.value_d IS NULL THEN json('null')
              ELSE json_object('n', f.value_n, 'd', f.value_d) END)
       FROM facts f WHERE f.batch_id = ?
      GROUP BY f.sheet, f.row, f.account_id, f.period_from, f.period_to`,
  );
  for (const id of batches) pack.run(id);
  return batches.length;
}
