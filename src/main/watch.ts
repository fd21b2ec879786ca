import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, resolve, sep } from 'node:path';
import type { FileResult } from '../shared/imports';
import type { Db } from './db/open';
import { UserError } from './errors';
import { importFile } from './import/pipeline';
import { getSetting, setSetting } from './settings/store';

const EXTENSIONS = new Set(['.xlsx', '.xls', '.csv']);

export interface WatchState {
  folder: string | null;
  /** name|size|mtime of files already handled, so a file is tried once until it changes */
  seen: string[];
}

export function watchFolder(db: Db): string | null {
  return getSetting<string | null>(db, 'watch.folder', null);
}

/**
 * The only folder tree the browser host may watch: `watch` next to the database file. A token holder may not name
 * any other folder (a scan shows the headers and first rows of every table file in it), and the refusal reads the
 * same whether or not the named folder exists. null for an in-memory database (nothing to confine to).
 */
export function webWatchRoot(dbPath: string): string | null {
  if (dbPath === ':memory:' || dbPath === '') return null;
  return join(dirname(resolve(dbPath)), 'watch');
}

/**
 * Checks a folder named over HTTP against the browser host's root: the root itself (created on first use) or a
 * folder inside it, after following symlinks and `..`. Returns the real path to store.
 */
export function confineWebWatchFolder(folder: string, root: string | null): string {
  const refuse = (): never => {
    throw new UserError(
      root
        ? `浏览器版只能监视数据文件夹下的 watch 文件夹（${root}）或其中的子文件夹；其他文件夹请在桌面窗口中设置`
        : '浏览器版不能设置监视文件夹；请在桌面窗口中设置',
      undefined,
      'watch_folder_refused',
    );
  };
  if (!root || !isAbsolute(folder) || folder.includes('\0')) return refuse();
  const wanted = resolve(folder);
  if (wanted !== root && !wanted.startsWith(root + sep)) return refuse();
  if (wanted === root) mkdirSync(root, { recursive: true });
  let real: string;
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
    real = realpathSync(wanted);
  } catch {
    // inside the root, whether a folder exists is no secret
    throw new UserError(`文件夹不存在：${folder}`);
  }
  if (real !== realRoot && !real.startsWith(realRoot + sep)) return refuse();
  return real;
}

/** Sets (or clears, with null) the folder whose new export files are imported automatically. */
export function setWatchFolder(db: Db, folder: string | null): void {
  if (folder !== null) {
    if (!existsSync(folder) || !statSync(folder).isDirectory())
      throw new UserError(`文件夹不存在：${folder}`);
  }
  setSetting(db, 'watch.folder', folder);
  setSetting(db, 'watch.seen', []);
}

/** The watched folder's spreadsheet files not handled yet and no longer being written (changed over 5 s ago). */
function newWatchFiles(
  db: Db,
): { folder: string; seen: Set<string>; files: { name: string; path: string; id: string }[] } | null {
  const folder = watchFolder(db);
  if (!folder || !existsSync(folder)) return null;
  const seen = new Set(getSetting<string[]>(db, 'watch.seen', []));
  const files: { name: string; path: string; id: string }[] = [];
  for (const name of readdirSync(folder).sort()) {
    if (!EXTENSIONS.has(extname(name).toLowerCase()) || name.startsWith('~$') || name.startsWith('.'))
      continue;
    const path = join(folder, name);
    let st;
    try {
      st = statSync(path);
    } catch {
      continue;
    }
    if (!st.isFile() || Date.now() - st.mtimeMs < 5000) continue;
    const id = `${name}|${st.size}|${Math.floor(st.mtimeMs)}`;
    if (seen.has(id)) continue;
    files.push({ name, path, id });
  }
  return { folder, seen, files };
}

/**
 * Whether a scan would try any file: a listing of the folder, no file read. The host asks this on its main thread
 * every 30 s and starts the import job (in its worker) only when there is something to import.
 */
export function hasNewWatchFiles(db: Db): boolean {
  return (newWatchFiles(db)?.files.length ?? 0) > 0;
}

/**
 * Imports the spreadsheet files in the watched folder that were not handled yet (by name, size and modification
 * time; the import itself skips content already imported). Files still being written (changed in the last 5 s) wait
 * for the next scan. Returns the results of the files it tried.
 */
export function scanWatchFolder(db: Db, now: number): FileResult[] {
  const found = newWatchFiles(db);
  if (!found) return [];
  const { seen } = found;
  const results: FileResult[] = [];
  for (const { name, path, id } of found.files) {
    seen.add(id);
    try {
      results.push(importFile(db, path, readFileSync(path), {}, now));
    } catch (e) {
      results.push({
        file: name,
        status: 'failed',
        layout: null,
        layout_zh: null,
        platform: null,
        shop: null,
        period: null,
        rows: { read: 0, accepted: 0, rejected: 0, new: 0, updated: 0, unchanged: 0 },
        rejections: [],
        conflicts: [],
        accounts: [],
        message: `自动导入失败：${e instanceof Error ? e.message : String(e)}`,
        batch_id: null,
      });
    }
  }
  setSetting(db, 'watch.seen', [...seen].slice(-5000));
  return results;
}
