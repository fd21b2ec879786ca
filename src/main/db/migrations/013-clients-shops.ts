import type { Migration } from './index';

/**
 * Clients (甲方) and shops (issue 11 item 6): a client gets a note; a shop merged into another leaves its name as an
 * alias, so later imports that spell the shop that way land on the shop it was merged into; renames and merges are
 * logged. `shops.key_name` is the shop name its event rows' natural keys are made with (NULL = its name): a renamed
 * shop keeps versioning re-imported rows against the rows already stored. Written to be re-runnable (tests set an
 * older user_version on a current database to replay the later steps).
 */
export const m013: Migration = {
  version: 13,
  name: 'clients-shops',
  up(db) {
    const has = (table: string, column: string): boolean =>
      (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).some((c) => c.name === column);
    if (!has('clients', 'note')) db.exec('ALTER TABLE clients ADD COLUMN note TEXT');
    if (!has('shops', 'key_name')) db.exec('ALTER TABLE shops ADD COLUMN key_name TEXT');
    db.exec(`
      CREATE INDEX IF NOT EXISTS shops_client ON shops(client_id);
      CREATE TABLE IF NOT EXISTS shop_aliases (
        platform TEXT NOT NULL REFERENCES platforms(id),
        alias TEXT NOT NULL,
        shop_id INTEGER NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (platform, alias)
      );
      CREATE INDEX IF NOT EXISTS shop_aliases_shop ON shop_aliases(shop_id);
      CREATE TABLE IF NOT EXISTS shop_log (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('rename', 'merge')),
        platform TEXT NOT NULL,
        shop_id INTEGER NOT NULL,
        from_name TEXT NOT NULL,
        to_name TEXT NOT NULL,
        detail_json TEXT NOT NULL DEFAULT '{}'
      );
    `);
  },
};
