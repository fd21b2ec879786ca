import type { Migration } from './index';

/**
 * Messages are found by (shop, day) only: the commit reads a shop's days once and versions the file's keys in memory,
 * undo and a shop merge do the same per (shop, day). The (shop, day, key) index cost a random B-tree insert per
 * imported message (the key is a hash) — about a quarter of the import's CPU — and no query needs it any more.
 */
export const m021: Migration = {
  version: 21,
  name: 'message-day-index',
  up(db) {
    db.exec(`
      DROP INDEX IF EXISTS messages_shop_day_key;
      CREATE INDEX IF NOT EXISTS messages_shop_day ON messages(shop_id, day);
    `);
  },
};
