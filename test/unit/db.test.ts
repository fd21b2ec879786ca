import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, openDb, schemaVersion, DbError } from '../../src/main/db/open';
import { SCHEMA_VERSION } from '../../src/main/db/migrations';
import { resolveDbPath, userDataDir } from '../../src/main/db/paths';

describe('database', () => {
  it('migrates a fresh database to the current schema with seeded rules', () => {
    const db = openDb(':memory:');
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect((db.prepare('SELECT COUNT(*) AS n FROM platforms').get() as { n: number }).n).toBe(4);
    const ks = db
      .prepare(
        "SELECT value_json, effective_from, effective_to FROM rule_versions WHERE platform = 'kuaishou' AND key = 'window.service' ORDER BY effective_from",
      )
      .all();
    expect(ks).toEqual([
      {
        value_json: '{"start":"08:00","end":"24:00"}',
        effective_from: '2000-01-01',
        effective_to: '2023-06-29',
      },
      { value_json: '{"start":"08:00","end":"23:00"}', effective_from: '2023-06-30', effective_to: null },
    ]);
    migrate(db); // idempotent
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('keeps only the facts indexes a query uses: versioning by account and field, undo by batch and superseded_by', () => {
    const db = openDb(':memory:');
    const indexes = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'facts' AND sql IS NOT NULL",
      )
      .pluck()
      .all();
    // facts_period (migration 006) was for reading a month by period; the month reads fact_rows (migration 020)
    expect(indexes.sort()).toEqual(['facts_account_field', 'facts_batch', 'facts_superseded']);
    const plan = (sql: string, ...p: unknown[]): string =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...p) as { detail: string }[])
        .map((r) => r.detail)
        .join('; ');
    // the import's versioning read and the rows of a batch not packed yet
    expect(
      plan(
        `SELECT f.id FROM facts f JOIN import_batches b ON b.id = f.batch_id
          WHERE f.account_id = ? AND f.superseded_by IS NULL AND b.status = 'active' AND f.period_from <= ? AND f.period_to >= ?`,
        1,
        '2026-10-31',
        '2026-10-01',
      ),
    ).toContain('facts_account_field');
    expect(
      plan(
        `SELECT f.id FROM import_batches b CROSS JOIN facts f ON f.batch_id = b.id
          WHERE b.status = 'active' AND f.period_from <= ? AND f.period_to >= ?`,
        '2026-10-31',
        '2026-10-01',
      ),
    ).toContain('facts_batch');
  });

  it('opens files in WAL mode with a busy timeout', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sd-')), 'a.db');
    const db = openDb(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('refuses a database made by a newer ScoreDesk', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sd-')), 'new.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openDb(file)).toThrow(DbError);
    expect(() => openDb(file)).toThrow(/比本程序支持的版本/);
  });

  it('finds the same default path as Electron userData for productName ScoreDesk', () => {
    expect(userDataDir('linux', {}, '/home/a')).toBe('/home/a/.config/ScoreDesk');
    expect(userDataDir('linux', { XDG_CONFIG_HOME: '/x' }, '/home/a')).toBe('/x/ScoreDesk');
    expect(userDataDir('darwin', {}, '/Users/a')).toBe('/Users/a/Library/Application Support/ScoreDesk');
    expect(userDataDir('win32', { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'C:\\Users\\a')).toContain(
      'ScoreDesk',
    );
    expect(resolveDbPath('/cli.db', { SCOREDESK_DB: '/env.db' })).toBe('/cli.db');
    expect(resolveDbPath(undefined, { SCOREDESK_DB: '/env.db' })).toBe('/env.db');
  });
});
