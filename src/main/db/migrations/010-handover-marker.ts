import type { Migration } from './index';

/**
 * A 系统 row announcing the hand-over to a human (转人工 / 接入 / 分配, not 未分配) is stored as hand-over data on its
 * own row (messages.handover_at = its time), so the recalculation needs no chat text. Rows imported before carry
 * it only in their text (if still kept): backfill them and mark their shop-days (and the 3 days before, a session
 * crossing midnight) and months for recalculation.
 */
export const m010: Migration = {
  version: 10,
  name: 'handover-marker',
  up(db) {
    db.exec(`
      CREATE TEMP TABLE marker_days AS
        SELECT DISTINCT shop_id, day FROM messages
         WHERE sender = 'system' AND handover_at IS NULL AND content IS NOT NULL
           AND (content LIKE '%转人工%' OR content LIKE '%接入%' OR content LIKE '%分配%')
           AND content NOT LIKE '%未分配%';
      UPDATE messages SET handover_at = time
       WHERE sender = 'system' AND handover_at IS NULL AND content IS NOT NULL
         AND (content LIKE '%转人工%' OR content LIKE '%接入%' OR content LIKE '%分配%')
         AND content NOT LIKE '%未分配%';
      INSERT OR IGNORE INTO event_dirty (shop_id, day)
        SELECT m.shop_id, date(m.day, '-' || k.n || ' day') FROM marker_days m
          JOIN (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) k;
      INSERT INTO month_state (month, dirty)
        SELECT DISTINCT substr(date(day, '-' || k.n || ' day'), 1, 7), 1 FROM marker_days
          JOIN (SELECT 0 AS n UNION ALL SELECT 3) k WHERE true
        ON CONFLICT (month) DO UPDATE SET dirty = 1;
      DROP TABLE marker_days;
    `);
  },
};
