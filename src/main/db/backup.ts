import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chinaDateTime } from '../../shared/china-time';
import type { ExportFile } from '../../shared/api';
import { UserError } from '../errors';
import { SCHEMA_VERSION } from './migrations';
import { openDb, type Db } from './open';

/** A self-contained copy of a live (WAL) database through SQLite's backup API. */
export async function backupToFile(db: Db, file: string): Promise<void> {
  await db.backup(file);
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
 * Replaces the database with a backup after checking it; the current file is kept beside it as `.before-restore`.
 * Returns the reopened (and migrated) database. Nothing changes when the check fails.
 */
export function restoreFromFile(current: Db, dbPath: string, backupFile: string, nativeBinding?: string): Db {
  if (dbPath === ':memory:') throw new UserError('内存数据库不能恢复备份');
  checkBackup(backupFile, nativeBinding);
  current.pragma('wal_checkpoint(TRUNCATE)');
  current.close();
  if (existsSync(dbPath)) copyFileSync(dbPath, `${dbPath}.before-restore`);
  for (const suffix of ['-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  copyFileSync(backupFile, dbPath);
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
