import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
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

/** Sets (or clears, with null) the folder whose new export files are imported automatically. */
export function setWatchFolder(db: Db, folder: string | null): void {
  if (folder !== null) {
    if (!existsSync(folder) || !statSync(folder).isDirectory())
      throw new UserError(`文件夹不存在：${folder}`);
  }
  setSetting(db, 'watch.folder', folder);
  setSetting(db, 'watch.seen', []);
}

/**
 * Imports the spreadsheet files in the watched folder that were not handled yet (by name, size and modification
 * time; the import itself skips content already imported). Files still being written (changed in the last 5 s) wait
 * for the next scan. Returns the results of the files it tried.
 */
export function scanWatchFolder(db: Db, now: number): FileResult[] {
  const folder = watchFolder(db);
  if (!folder || !existsSync(folder)) return [];
  const seen = new Set(getSetting<string[]>(db, 'watch.seen', []));
  const results: FileResult[] = [];
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
