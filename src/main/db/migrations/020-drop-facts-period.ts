import type { Migration } from './index';

/**
 * Drops facts_period (migration 006): it was for reading a month's facts by period, which the recalculation no longer
 * does (it reads the packed rows, fact_rows, since migration 014; a batch not packed yet is found by batch_id). No
 * query plan uses it any more (checked with EXPLAIN QUERY PLAN on every query over facts), and each of the ~120k
 * facts of a 200-agent month's per-agent files paid for it on insert: about 15% of the import's CPU time.
 */
export const m020: Migration = {
  version: 20,
  name: 'drop-facts-period',
  up(db) {
    db.exec('DROP INDEX IF EXISTS facts_period');
  },
};
