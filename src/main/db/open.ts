import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { makeBackupSync } from './auto-backup';
import type { Logger } from '../log';

export type Db = Database.Database;

/** A database error for the lead (Chinese) — the CLI maps it to exit code 3. */
export class DbError extends Error {
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'DbError';
  }
}

export interface OpenOptions {
  /** Electron's build of the addon (architecture.md: the Node build in node_modules is never touched). */
  nativeBinding?: string;
  readonly?: boolean;
  /** Epoch seconds for the name of a pre-migration backup; tests fix it. */
  now?: number;
  log?: Logger;
}

/** Opens (creating if needed) and migrates a database. `:memory:` is allowed for tests. */
export function openDb(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let db: Db;
  try {
    db = new Database(file, { nativeBinding: options.nativeBinding, readonly: options.readonly ?? false });
  } catch (e) {
    throw new DbError(`无法打开数据库 ${file}`, String(e));
  }
  try {
    // busy_timeout first: the CLI may import while the app holds the file
    db.pragma('busy_timeout = 5000');
    if (file !== ':memory:' && !options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // WAL + FULL: every commit (a finished import, a lock) is fsynced before it is reported done, so it survives a
    // power cut; NORMAL could lose the last commits. An import is a few large transactions, so the cost is small.
    db.pragma('synchronous = FULL');
    if (!options.readonly) {
      const current = schemaVersion(db);
      // an existing database about to be changed by a newer ScoreDesk: a copy first (a fresh one has version 0)
      if (file !== ':memory:' && current > 0 && current < SCHEMA_VERSION)
        makeBackupSync(db, 'migration', {
          dbPath: file,
          now: options.now ?? Math.floor(Date.now() / 1000),
          log: options.log,
        });
      migrate(db);
    }
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Runs pending migrations in one transaction; refuses a database made by a newer ScoreDesk. */
export function migrate(db: Db): void {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new DbError(
      `数据库版本 (${current}) 比本程序支持的版本 (${SCHEMA_VERSION}) 新，请升级 ScoreDesk 后再打开`,
      `user_version ${current} > ${SCHEMA_VERSION}`,
    );
  }
  const pending = MIGRATIONS.filter((m) => m.version > current);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
}
