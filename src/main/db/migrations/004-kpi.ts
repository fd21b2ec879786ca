import { DEFAULT_SCHEME } from '../../../shared/kpi/scheme';
import type { Migration } from './index';

/** KPI schemes (versioned by effective month), KCI entries, month locks and their log (kpi.md, metrics.md §8). */
export const m004: Migration = {
  version: 4,
  name: 'kpi',
  up(db) {
    db.exec(`
      CREATE TABLE schemes (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        effective_from TEXT NOT NULL,
        json TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (name, effective_from)
      );
      CREATE TABLE kci_entries (
        agent_id INTEGER NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
        month TEXT NOT NULL,
        item TEXT NOT NULL,
        value REAL,
        PRIMARY KEY (agent_id, month, item)
      );
      -- A signed-off month: its report (with KPI) is frozen; later changes are computed into pending_json.
      CREATE TABLE month_locks (
        month TEXT PRIMARY KEY,
        locked_at INTEGER NOT NULL,
        note TEXT,
        snapshot_json TEXT NOT NULL,
        pending_json TEXT
      );
      CREATE TABLE lock_log (
        id INTEGER PRIMARY KEY,
        month TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('lock', 'unlock')),
        at INTEGER NOT NULL,
        note TEXT
      );
    `);
    db.prepare('INSERT INTO schemes (name, effective_from, json, created_at) VALUES (?, ?, ?, 0)').run(
      DEFAULT_SCHEME.name,
      DEFAULT_SCHEME.effective_from,
      JSON.stringify(DEFAULT_SCHEME),
    );
  },
};
