import type { Migration } from './index';

/**
 * Imports mark the months they touch as dirty in their own transaction; the month is recomputed once after a whole
 * run of files (or on first read), not after every file. Plus an index for reading a month's facts by period.
 */
export const m006: Migration = {
  version: 6,
  name: 'dirty-months',
  up(db) {
    db.exec(`
      ALTER TABLE month_state ADD COLUMN dirty INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX facts_period ON facts(period_to, period_from);
    `);
  },
};
