import type { Migration } from './index';

/**
 * Drill-down evidence is computed from the messages when the lead asks for it (events/evidence.ts), no longer
 * written per failing round at every recalculation (425k rows for a million messages).
 */
export const m012: Migration = {
  version: 12,
  name: 'evidence-on-demand',
  up(db) {
    db.exec('DROP TABLE IF EXISTS round_evidence;');
  },
};
