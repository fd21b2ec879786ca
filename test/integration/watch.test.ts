import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../src/main/db/open';
import { scanWatchFolder, setWatchFolder } from '../../src/main/watch';
import { FIX, NOW_NOV } from './helpers';

describe('watched folder', () => {
  it('imports new export files once, waits for files still being written, and refuses a missing folder', () => {
    const db = openDb(':memory:');
    const folder = mkdtempSync(join(tmpdir(), 'sd-watch-'));
    expect(() => setWatchFolder(db, join(folder, 'nope'))).toThrow('文件夹不存在');
    setWatchFolder(db, folder);
    const file = join(folder, '飞鸽客服数据_2026-10-03.xlsx');
    copyFileSync(join(FIX, 'douyin', '飞鸽客服数据_2026-10-03.xlsx'), file);
    // just written: left for the next scan
    expect(scanWatchFolder(db, NOW_NOV)).toEqual([]);
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    writeFileSync(join(folder, '说明.txt'), 'not a spreadsheet');
    writeFileSync(join(folder, '~$飞鸽客服数据.xlsx'), 'excel lock file');
    const first = scanWatchFolder(db, NOW_NOV);
    expect(first.map((r) => [r.file, r.status, r.rows.accepted])).toEqual([
      ['飞鸽客服数据_2026-10-03.xlsx', 'imported', 2],
    ]);
    expect(scanWatchFolder(db, NOW_NOV)).toEqual([]);
    db.close();
  });
});
