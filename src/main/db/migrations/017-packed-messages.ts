import { rebuildAllPacked } from '../../events/packed';
import type { Migration } from './index';

/**
 * The packed chat store (events/packed.ts): per (shop, day) the current messages' engine columns as one blob, so a
 * recalculation reads a month of chat in tens of milliseconds instead of a million row objects. Derived from
 * `messages`: the commit and undo rewrite the days they touch; these triggers drop a day's blob when anything else
 * changes one of its rows (a shop merge, a version restored), and the recalculation rebuilds a dropped or stale day.
 * An existing database gets the store built here.
 */
export const m017: Migration = {
  version: 17,
  name: 'packed-messages',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS message_days (
        shop_id INTEGER NOT NULL,
        day TEXT NOT NULL,
        n INTEGER NOT NULL,
        -- the day's highest message id (superseded rows too) when built: a higher one means rows came in since
        max_id INTEGER NOT NULL,
        -- the import batches of the day's current rows, comma-separated (their import time decides finality)
        batches TEXT NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (shop_id, day)
      ) WITHOUT ROWID;
      CREATE TRIGGER IF NOT EXISTS messages_packed_update
        AFTER UPDATE OF shop_id, day, account, buyer, session_id, time, sender, auto_reply, handover_at, seq, batch_id,
          superseded_by ON messages
      BEGIN
        DELETE FROM message_days WHERE shop_id = OLD.shop_id AND day = OLD.day;
        DELETE FROM message_days WHERE shop_id = NEW.shop_id AND day = NEW.day;
      END;
      CREATE TRIGGER IF NOT EXISTS messages_packed_delete AFTER DELETE ON messages
      BEGIN
        DELETE FROM message_days WHERE shop_id = OLD.shop_id AND day = OLD.day;
      END;
    `);
    rebuildAllPacked(db);
  },
};
