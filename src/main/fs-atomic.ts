/**
 * Every file ScoreDesk writes goes through here: a temp file in the same folder, fsynced, then renamed over the
 * target, then the folder fsynced. A crash or a failed write leaves the previous file (or none), never half a file;
 * the temp file is removed on failure.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { Db } from './db/open';

/** Test hooks: throw from one to simulate a crash between the steps. */
export interface AtomicHooks {
  afterTempWrite?: (tempPath: string) => void;
}

/** A temp name beside the target (same folder = same file system, so the rename is atomic). */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** fsync of the folder makes the rename itself durable; Windows cannot open a folder for this and needs no fsync. */
export function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // EISDIR / EPERM / EINVAL on platforms and file systems without directory fsync
  } finally {
    closeSync(fd);
  }
}

export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Renames `temp` over `path` after fsyncing it; removes `temp` when anything fails. */
export function commitTemp(temp: string, path: string, hooks: AtomicHooks = {}): void {
  try {
    fsyncFile(temp);
    hooks.afterTempWrite?.(temp);
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  fsyncDir(dirname(path));
}

export function writeFileAtomic(path: string, bytes: Uint8Array | string, hooks: AtomicHooks = {}): void {
  const temp = tempPathFor(path);
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  try {
    const fd = openSync(temp, 'wx');
    try {
      let off = 0;
      while (off < data.length) off += writeSync(fd, data, off, data.length - off);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  commitTemp(temp, path, hooks);
}

/** A self-contained copy of a live (WAL) database through SQLite's backup API, written atomically. */
export async function backupDbAtomic(db: Db, path: string, hooks: AtomicHooks = {}): Promise<void> {
  const temp = tempPathFor(path);
  try {
    await db.backup(temp);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  commitTemp(temp, path, hooks);
}
