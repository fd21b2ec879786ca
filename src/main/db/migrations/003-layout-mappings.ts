import type { Migration } from './index';

/** Column mappings for unknown export layouts, remembered per layout (hash of the normalised headers). */
export const m003: Migration = {
  version: 3,
  name: 'layout-mappings',
  up(db) {
    db.exec(`
      CREATE TABLE layout_mappings (
        hash TEXT PRIMARY KEY,
        base_layout TEXT NOT NULL,
        name TEXT NOT NULL,
        columns_json TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
    `);
  },
};
