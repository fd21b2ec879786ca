import type { Migration } from './index';

/**
 * Roster imports are undoable like any batch: agents and ownership ranges remember the batch that wrote them, and
 * an ownership range a batch changed keeps its previous end date. Confirmations keep re-imported rows on undo.
 */
export const m002: Migration = {
  version: 2,
  name: 'roster-batches',
  up(db) {
    db.exec(`
      ALTER TABLE agents ADD COLUMN batch_id INTEGER REFERENCES import_batches(id);
      ALTER TABLE agent_accounts ADD COLUMN batch_id INTEGER REFERENCES import_batches(id);
      CREATE TABLE roster_changes (
        batch_id INTEGER NOT NULL REFERENCES import_batches(id),
        agent_account_id INTEGER NOT NULL REFERENCES agent_accounts(id) ON DELETE CASCADE,
        old_valid_to TEXT
      );
      CREATE UNIQUE INDEX agents_employee_no ON agents(employee_no) WHERE employee_no IS NOT NULL;
      -- A forced re-import that finds a row unchanged confirms it: undoing the first import then hands the row to
      -- the confirming batch instead of deleting data that is still imported.
      CREATE TABLE confirmations (
        kind TEXT NOT NULL CHECK (kind IN ('fact', 'roster')),
        row_id INTEGER NOT NULL,
        batch_id INTEGER NOT NULL REFERENCES import_batches(id)
      );
      CREATE INDEX confirmations_row ON confirmations(kind, row_id);
      CREATE INDEX confirmations_batch ON confirmations(batch_id);
    `);
  },
};
