import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { chinaDateTime } from '../../shared/china-time';
import type { ExportFile } from '../../shared/api';
import { UserError } from '../errors';
import { backupDbAtomic, commitTemp, fsyncDir, fsyncFile, tempPathFor, writeFileAtomic } from '../fs-atomic';
import { SCHEMA_VERSION } from './migrations';
import { openDb, type Db } from './open';

/** A self-contained copy of a live (WAL) database through SQLite's backup API, written atomically. */
export async function backupToFile(db: Db, file: string): Promise<void> {
  await backupDbAtomic(db, file);
}

export async function backupToBytes(db: Db, now: number): Promise<ExportFile> {
  const dir = mkdtempSync(join(tmpdir(), 'scoredesk-backup-'));
  try {
    const file = join(dir, 'backup.db');
    await backupToFile(db, file);
    const stamp = chinaDateTime(now)
      .replace(/[-: ]/g, '')
      .replace(/^(\d{8})(\d{6})$/, '$1-$2');
    return { name: `ScoreDesk-备份-${stamp}.db`, bytes: new Uint8Array(readFileSync(file)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Checks a candidate backup: a SQLite file that passes integrity_check and is not newer than this program. */
export function checkBackup(file: string, nativeBinding?: string): number {
  let probe: Database.Database;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
  } catch (e) {
    throw new UserError('备份文件无法打开：不是 ScoreDesk 数据库', String(e));
  }
  try {
    let ok: unknown;
    try {
      ok = probe.pragma('integrity_check', { simple: true });
    } catch (e) {
      throw new UserError('备份文件已损坏或不是 SQLite 数据库', String(e));
    }
    if (ok !== 'ok') throw new UserError('备份文件未通过完整性检查，已拒绝恢复', String(ok));
    const version = probe.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION)
      throw new UserError(`备份文件来自更新版本的 ScoreDesk（数据库版本 ${version}），请先升级程序`);
    const hasBatches = probe
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'import_batches'")
      .get();
    if (!hasBatches) throw new UserError('备份文件不是 ScoreDesk 数据库');
    return version;
  } finally {
    probe.close();
  }
}

/**
 * A marker beside the database that changes on every restore. Other processes on the same file (the browser host,
 * a desktop window) compare it before each call and reopen their connection: after the rename their old handle
 * points at the replaced file.
 */
export const GENERATION_SUFFIX = '.restore-generation';

export function restoreGeneration(dbPath: string): string {
  if (dbPath === ':memory:') return '';
  try {
    return readFileSync(dbPath + GENERATION_SUFFIX, 'utf8');
  } catch {
    return '';
  }
}

const BUSY_MESSAGE =
  '另一个程序正在使用数据库（正在导入或写入），已拒绝恢复，数据库没有改变。请等它完成，或关闭其他 ScoreDesk 窗口 / 命令行后重试';

function walSize(dbPath: string): number {
  try {
    return statSync(dbPath + '-wal').size;
  } catch {
    return 0;
  }
}

/**
 * Takes the database over for a restore: every committed page moved into the main file (checkpoint TRUNCATE) and
 * the write lock held (BEGIN EXCLUSIVE), both with a short wait. Refuses when another connection is writing or
 * reading, or committed between the two steps: what it committed must not be lost under the restored file.
 * On success the caller holds an open EXCLUSIVE transaction on `db`.
 */
export function takeOver(db: Db, dbPath: string, waitMs = 300): void {
  const previous = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${waitMs}`);
  try {
    const [cp] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (cp?.busy) throw new UserError(BUSY_MESSAGE, 'wal_checkpoint(TRUNCATE) busy');
    try {
      db.exec('BEGIN EXCLUSIVE');
    } catch (e) {
      throw new UserError(BUSY_MESSAGE, String(e));
    }
    if (walSize(dbPath) > 0) {
      db.exec('ROLLBACK');
      throw new UserError(BUSY_MESSAGE, 'a write was committed after the checkpoint');
    }
  } finally {
    db.pragma(`busy_timeout = ${previous}`);
  }
}

export interface RestoreHooks {
  /** Called after the backup's copy is written and fsynced beside the db, before the rename (tests throw here). */
  afterTempWrite?: (tempPath: string) => void;
}

/**
 * Replaces the database with a checked backup; a kill at any point leaves the old file or the new one, never a
 * partial one. Steps: check the backup; take the db over (no other writer, WAL empty); copy the backup to a temp file in the
 * db's folder and fsync it; keep the current file as `.before-restore` (atomically); close; remove the
 * (empty) -wal/-shm; rename the temp file over the db; fsync the folder; bump the restore-generation marker; reopen
 * (and migrate). Until the rename nothing about the database has changed. When a step after closing fails, `current`
 * is closed (`current.open === false`) and the caller reopens.
 */
export function restoreFromFile(
  current: Db,
  dbPath: string,
  backupFile: string,
  nativeBinding?: string,
  hooks: RestoreHooks = {},
): Db {
  if (dbPath === ':memory:') throw new UserError('内存数据库不能恢复备份');
  checkBackup(backupFile, nativeBinding);
  takeOver(current, dbPath);
  let temp: string | null = null;
  try {
    // the backup's copy first: the backup may be the `.before-restore` file that is replaced next
    temp = tempPathFor(dbPath);
    copyFileSync(backupFile, temp);
    fsyncFile(temp);
    // the main file is complete (WAL checkpointed and empty) and nobody can write: a plain copy is consistent
    const before = tempPathFor(`${dbPath}.before-restore`);
    copyFileSync(dbPath, before);
    commitTemp(before, `${dbPath}.before-restore`);
    hooks.afterTempWrite?.(temp);
  } catch (e) {
    if (temp) rmSync(temp, { force: true });
    current.exec('ROLLBACK');
    throw e;
  }
  current.exec('ROLLBACK');
  current.close();
  try {
    // Windows refuses to remove or replace a file another process holds open: that refusal keeps the old database
    for (const suffix of ['-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
    renameSync(temp, dbPath);
  } catch (e) {
    rmSync(temp, { force: true });
    throw new UserError(
      '无法替换数据库文件：可能有其他程序（另一个 ScoreDesk 窗口或命令行）正打开它。数据库没有改变',
      String(e),
    );
  }
  fsyncDir(dirname(dbPath));
  writeFileAtomic(dbPath + GENERATION_SUFFIX, `${Date.now()}-${process.pid}-${Math.random()}`);
  return openDb(dbPath, { nativeBinding });
}

export function restoreFromBytes(current: Db, dbPath: string, bytes: Uint8Array, nativeBinding?: string): Db {
  const dir = mkdtempSync(join(tmpdir(), 'scoredesk-restore-'));
  try {
    const file = join(dir, 'restore.db');
    writeFileSync(file, bytes);
    return restoreFromFile(current, dbPath, file, nativeBinding);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
