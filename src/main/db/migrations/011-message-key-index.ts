import type { Migration } from './index';

/**
 * Messages are versioned by key within their shop and day (a key holds the message time): a (shop, day, key) index
 * replaces the index on the random 22-character key, which cost a random B-tree insert per imported message. The
 * (shop, day) index stays: reading a shop's days through it visits rows in insertion order; through the key index
 * it would visit them in random order (6× slower on a month of chat).
 */
export const m011: Migration = {
  version: 11,
  name: 'message-key-index',
  up(db) {
    db.exec(`
      DROP INDEX IF EXISTS messages_key;
      CREATE INDEX IF NOT EXISTS messages_shop_day_key ON messages(shop_id, day, key);
    `);
  },
};
