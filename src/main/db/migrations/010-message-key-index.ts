import type { Migration } from './index';

/**
 * Messages are versioned by key within their shop and day (a key holds the message time): one (shop, day, key)
 * index replaces the (shop, day) index and the index on the random 22-character key, which cost a random B-tree
 * insert per imported message.
 */
export const m010: Migration = {
  version: 10,
  name: 'message-key-index',
  up(db) {
    db.exec(`
      DROP INDEX IF EXISTS messages_key;
      DROP INDEX IF EXISTS messages_shop_day;
      CREATE INDEX IF NOT EXISTS messages_shop_day_key ON messages(shop_id, day, key);
    `);
  },
};
