import type { Migration } from './index';

/** Recomputing a shop-day deletes its engine cells and evidence by (shop, day): index exactly that. */
export const m008: Migration = {
  version: 8,
  name: 'event-day-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX event_cells_shop_day ON event_cells(shop_id, day);
      CREATE INDEX round_evidence_shop_day ON round_evidence(shop_id, day);
    `);
  },
};
