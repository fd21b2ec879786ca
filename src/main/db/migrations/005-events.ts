import { ENGINE_RULES } from '../../../shared/engine/rule-defaults';
import type { Migration } from './index';

/**
 * Event-level records (imports.md §3): chat messages, ratings, orders, exam warnings and attempts, each versioned
 * by its natural key (a changed row replaces the older version, kept for undo), plus the per-(account, day) metric
 * cells the rule engine computes from them and the failing rounds behind those cells (drill-down evidence).
 */
export const m005: Migration = {
  version: 5,
  name: 'events',
  up(db) {
    db.exec(`
      CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        shop_id INTEGER NOT NULL REFERENCES shops(id),
        account TEXT NOT NULL,
        buyer TEXT NOT NULL,
        session_id TEXT,
        time INTEGER NOT NULL,
        day TEXT NOT NULL,
        sender TEXT NOT NULL CHECK (sender IN ('buyer', 'agent', 'bot', 'system')),
        auto_reply INTEGER NOT NULL DEFAULT 0,
        handover_at INTEGER,
        content TEXT,
        seq INTEGER NOT NULL,
        batch_id INTEGER NOT NULL REFERENCES import_batches(id),
        superseded_by INTEGER REFERENCES import_batches(id)
      );
      CREATE INDEX messages_shop_day ON messages(shop_id, day);
      CREATE INDEX messages_key ON messages(key);
      CREATE INDEX messages_batch ON messages(batch_id);

      CREATE TABLE ratings (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        shop_id INTEGER NOT NULL REFERENCES shops(id),
        account TEXT NOT NULL,
        session_id TEXT,
        buyer TEXT NOT NULL,
        sent_at INTEGER,
        rated_at INTEGER NOT NULL,
        -- the day the rating belongs to: its card's send day, else the rating day (seed 004)
        day TEXT NOT NULL,
        level TEXT NOT NULL,
        reasons TEXT NOT NULL DEFAULT '',
        channel TEXT,
        service_type TEXT,
        removed INTEGER NOT NULL DEFAULT 0,
        rating_id TEXT,
        batch_id INTEGER NOT NULL REFERENCES import_batches(id),
        superseded_by INTEGER REFERENCES import_batches(id)
      );
      CREATE INDEX ratings_shop_day ON ratings(shop_id, day);
      CREATE INDEX ratings_key ON ratings(key);
      CREATE INDEX ratings_batch ON ratings(batch_id);
      -- appeals are the lead's marks, kept across re-imports of the rating (metrics.md §4)
      CREATE TABLE rating_appeals (
        key TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('pending', 'success', 'failed')),
        note TEXT,
        at INTEGER NOT NULL
      );

      CREATE TABLE orders (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        shop_id INTEGER NOT NULL REFERENCES shops(id),
        order_id TEXT NOT NULL,
        buyer TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        paid_at INTEGER,
        amount REAL NOT NULL DEFAULT 0,
        account TEXT,
        day TEXT NOT NULL,
        batch_id INTEGER NOT NULL REFERENCES import_batches(id),
        superseded_by INTEGER REFERENCES import_batches(id)
      );
      CREATE INDEX orders_shop_day ON orders(shop_id, day);
      CREATE INDEX orders_key ON orders(key);
      CREATE INDEX orders_batch ON orders(batch_id);

      CREATE TABLE exam_warnings (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        shop_id INTEGER NOT NULL REFERENCES shops(id),
        account TEXT NOT NULL,
        week_start TEXT NOT NULL,
        reasons TEXT NOT NULL DEFAULT '',
        notice_date TEXT,
        deadline TEXT,
        -- NULL: entered by hand on the 考试预警 screen
        batch_id INTEGER REFERENCES import_batches(id),
        superseded_by INTEGER REFERENCES import_batches(id)
      );
      CREATE INDEX exam_warnings_key ON exam_warnings(key);
      CREATE TABLE exam_attempts (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        warning_key TEXT NOT NULL,
        time INTEGER NOT NULL,
        score REAL NOT NULL,
        batch_id INTEGER REFERENCES import_batches(id),
        superseded_by INTEGER REFERENCES import_batches(id)
      );
      CREATE INDEX exam_attempts_warning ON exam_attempts(warning_key);

      CREATE TABLE event_confirmations (
        kind TEXT NOT NULL,
        row_id INTEGER NOT NULL,
        batch_id INTEGER NOT NULL REFERENCES import_batches(id)
      );
      CREATE INDEX event_confirmations_batch ON event_confirmations(batch_id);

      -- Engine results per (shop, account, day, metric); account '' is the shop itself.
      CREATE TABLE event_cells (
        shop_id INTEGER NOT NULL REFERENCES shops(id),
        account TEXT NOT NULL,
        day TEXT NOT NULL,
        metric TEXT NOT NULL,
        num REAL NOT NULL,
        den REAL,
        approximate INTEGER NOT NULL DEFAULT 0,
        unit TEXT,
        status TEXT NOT NULL,
        PRIMARY KEY (shop_id, account, day, metric)
      ) WITHOUT ROWID;
      CREATE TABLE round_evidence (
        shop_id INTEGER NOT NULL,
        account TEXT NOT NULL,
        day TEXT NOT NULL,
        metric TEXT NOT NULL,
        buyer TEXT NOT NULL,
        session_id TEXT,
        session_start INTEGER NOT NULL,
        round_start INTEGER NOT NULL,
        wait INTEGER,
        answered INTEGER NOT NULL
      );
      CREATE INDEX round_evidence_account ON round_evidence(shop_id, account, day);
    `);
    const rule = db.prepare(
      `INSERT INTO rule_versions (platform, key, value_json, effective_from, effective_to, source, note) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const exists = db.prepare('SELECT 1 FROM rule_versions WHERE platform = ? AND key = ?');
    for (const r of ENGINE_RULES) {
      if (exists.get(r.platform, r.key)) continue;
      rule.run(
        r.platform,
        r.key,
        JSON.stringify(r.value),
        r.effective_from,
        r.effective_to ?? null,
        r.source,
        r.note ?? null,
      );
    }
  },
};
