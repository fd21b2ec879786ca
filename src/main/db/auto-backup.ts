/**
 * Automatic backups into `<data folder>/backups/` (or the folder set in 设置 → 数据库): at the first start of each
 * China day, before every restore, before a migration of an existing database and before a month unlock. File names
 * carry the China time and the reason; the newest `keep` (default 7) are kept, the lead's own files never touched.
 */
import { mkdirSync, readdirSync, rmSync, statSync, existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { chinaDateTime, chinaDay } from '../../shared/china-time';
import type { BackupEntry, BackupReason, BackupSettings } from '../../shared/api';
import { UserError } from '../errors';
import { backupDbAtomic, commitTemp, tempPathFor } from '../fs-atomic';
import { NO_LOG, type Logger } from '../log';
import type { Db } from './open';

export const DEFAULT_KEEP = 7;
const REASONS = ['daily', 'restore', 'migration', 'unlock'] as const satisfies readonly BackupReason[];
const NAME = /^scoredesk-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-([a-z]+)(?:-(\d+))?\.db$/;

/** The data folder: the folder of the database file. */
export function dataDir(dbPath: string): string {
  return dirname(resolve(dbPath));
}

export function defaultBackupDir(dbPath: string): string {
  return join(dataDir(dbPath), 'backups');
}

function setting<T>(db: Db, key: string, fallback: T): T {
  // an old database being migrated may not have the settings table yet
  try {
    const row = db.prepare('SELECT value_json FROM settings WHERE key = ?').get(key) as
      { value_json: string } | undefined;
    return row ? (JSON.parse(row.value_json) as T) : fallback;
  } catch {
    return fallback;
  }
}

function saveSetting(db: Db, key: string, value: unknown): void {
  db.prepare(
    'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json',
  ).run(key, JSON.stringify(value));
}

export function backupSettings(db: Db, dbPath: string): BackupSettings {
  const custom = setting<string | null>(db, 'backup.folder', null);
  return {
    folder: custom ?? defaultBackupDir(dbPath),
    keep: setting(db, 'backup.keep', DEFAULT_KEEP),
    default_folder: defaultBackupDir(dbPath),
  };
}

export function saveBackupSettings(
  db: Db,
  dbPath: string,
  input: { folder?: string | null; keep?: number },
): BackupSettings {
  if (input.keep !== undefined) {
    if (!Number.isInteger(input.keep) || input.keep < 1 || input.keep > 100)
      throw new UserError('保留份数应为 1 到 100 的整数');
    saveSetting(db, 'backup.keep', input.keep);
  }
  if (input.folder !== undefined) {
    const folder = input.folder?.trim() || null;
    if (folder !== null) {
      if (!isAbsolute(folder)) throw new UserError(`备份文件夹应为完整路径：${folder}`);
      try {
        mkdirSync(folder, { recursive: true });
      } catch (e) {
        throw new UserError(`无法创建备份文件夹 ${folder}`, String(e));
      }
    }
    saveSetting(db, 'backup.folder', folder === defaultBackupDir(dbPath) ? null : folder);
  }
  return backupSettings(db, dbPath);
}

function parseName(name: string): { time: string; reason: BackupReason; key: string } | null {
  const m = NAME.exec(name);
  if (!m || !(REASONS as readonly string[]).includes(m[7]!)) return null;
  const [, y, mo, d, h, mi, s, reason, seq] = m;
  return {
    time: `${y}-${mo}-${d} ${h}:${mi}:${s}`,
    reason: reason as BackupReason,
    key: `${y}${mo}${d}${h}${mi}${s}-${(seq ?? '1').padStart(4, '0')}`,
  };
}

/** The automatic backups in a folder, newest first. */
export function listBackups(folder: string): BackupEntry[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const out: (BackupEntry & { key: string })[] = [];
  for (const name of names) {
    const p = parseName(name);
    if (!p) continue;
    let size: number;
    try {
      size = statSync(join(folder, name)).size;
    } catch {
      continue;
    }
    out.push({ name, time: p.time, size, reason: p.reason, key: p.key });
  }
  out.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
  return out.map(({ key: _key, ...e }) => e);
}

/** The path of a listed backup; anything that is not an automatic backup's plain name is refused. */
export function backupPath(folder: string, name: string): string {
  if (!parseName(name)) throw new UserError(`不是自动备份的文件名：${name}`);
  const file = join(folder, name);
  if (!existsSync(file)) throw new UserError(`找不到备份 ${name}`);
  return file;
}

function freshName(folder: string, now: number, reason: BackupReason): string {
  const stamp = chinaDateTime(now).replace(/[-:]/g, '').replace(' ', '-');
  for (let seq = 1; ; seq++) {
    const name = `scoredesk-${stamp}-${reason}${seq > 1 ? `-${seq}` : ''}.db`;
    if (!existsSync(join(folder, name))) return name;
  }
}

export function pruneBackups(folder: string, keep: number): string[] {
  const removed = listBackups(folder)
    .slice(keep)
    .map((b) => b.name);
  for (const name of removed) rmSync(join(folder, name), { force: true });
  return removed;
}

export interface BackupContext {
  dbPath: string;
  now: number;
  log?: Logger;
}

function finish(db: Db, ctx: BackupContext, folder: string, name: string, reason: BackupReason): BackupEntry {
  const keep = setting(db, 'backup.keep', DEFAULT_KEEP);
  const pruned = pruneBackups(folder, keep);
  const size = statSync(join(folder, name)).size;
  (ctx.log ?? NO_LOG).info('backup', { reason, file: name, size, pruned });
  return { name, time: chinaDateTime(ctx.now), size, reason };
}

/** One automatic backup through SQLite's backup API (a consistent copy of the live WAL database). */
export async function makeBackup(db: Db, reason: BackupReason, ctx: BackupContext): Promise<BackupEntry> {
  const { folder } = backupSettings(db, ctx.dbPath);
  mkdirSync(folder, { recursive: true });
  const name = freshName(folder, ctx.now, reason);
  await backupDbAtomic(db, join(folder, name));
  return finish(db, ctx, folder, name, reason);
}

/**
 * The backup before a migration, made while the database is being opened (synchronously): `VACUUM INTO` writes a
 * consistent copy of the same database, compacted; the backup API is asynchronous in better-sqlite3.
 */
export function makeBackupSync(db: Db, reason: BackupReason, ctx: BackupContext): BackupEntry {
  const { folder } = backupSettings(db, ctx.dbPath);
  mkdirSync(folder, { recursive: true });
  const name = freshName(folder, ctx.now, reason);
  const temp = tempPathFor(join(folder, name));
  try {
    db.prepare('VACUUM INTO ?').run(temp);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  commitTemp(temp, join(folder, name));
  return finish(db, ctx, folder, name, reason);
}

/** The first start of a China day makes one backup; later starts that day make none. */
export async function dailyBackup(db: Db, ctx: BackupContext): Promise<BackupEntry | null> {
  if (ctx.dbPath === ':memory:') return null;
  const today = chinaDay(ctx.now);
  if (setting<string | null>(db, 'backup.last_day', null) === today) return null;
  const entry = await makeBackup(db, 'daily', ctx);
  saveSetting(db, 'backup.last_day', today);
  return entry;
}
