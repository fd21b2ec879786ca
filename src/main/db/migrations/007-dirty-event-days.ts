import type { Migration } from './index';

/** Shop-days whose engine cells an import made stale; recomputed once at the end of a run (with the dirty months). */
export const m007: Migration = {
  version: 7,
  name: 'dirty-event-days',
  up(db) {
    db.exec(`
      CREATE TABLE event_dirty (
        shop_id INTEGER NOT NULL,
        day TEXT NOT NULL,
        PRIMARY KEY (shop_id, day)
      ) WITHOUT ROWID;
    `);
  },
};
