import { beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { Backend } from '../../src/main/backend';
import { restoreFromFile } from '../../src/main/db/backup';
import { openDb } from '../../src/main/db/open';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/main/db/migrations';
import type { BackupEntry, Result } from '../../src/shared/api';
import { chinaEpoch } from '../../src/shared/china-time';
import { cli, douyin, FIX, NOW_NOV, tempDb } from './helpers';

let dbPath: string;
let dir: string;
const at = (d: number, h = 10, m = 0): number => chinaEpoch(2026, 10, d, h, m, 0)!;
const backupsDir = (): string => join(dir, 'backups');
const logText = (): string => readFileSync(join(dir, 'logs', 'scoredesk.log'), 'utf8');
const count = (file: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM import_batches').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

function host(now: number | (() => number)): Backend {
  return new Backend({ dbPath, host: 'web', now: typeof now === 'number' ? () => now : now });
}

async function call<T>(b: Backend, method: string, input: unknown = {}): Promise<T> {
  const r = (await b.dispatch(method, input)) as Result<T>;
  if (!r.ok) throw new Error(`${r.error.message} ${r.error.detail ?? ''}`);
  return r.data;
}

beforeEach(() => {
  dbPath = tempDb();
  dir = dirname(dbPath);
});

describe('automatic backups', () => {
  it('one per China day at start, the 8th prunes the oldest, an unlock makes one', async () => {
    // 2026-10-04 23:30 and 23:50 China are the same China day (still 10-04 08:xx in Los Angeles)
    let b = host(at(4, 23, 30));
    await b.startMaintenance();
    b.close();
    b = host(at(4, 23, 50));
    await b.startMaintenance();
    b.close();
    expect(readdirSync(backupsDir())).toEqual(['scoredesk-20261004-233000-daily.db']);
    // 00:10 China the next day is a new day
    b = host(at(5, 0, 10));
    await b.startMaintenance();
    const list = await call<{ folder: string; backups: BackupEntry[] }>(b, 'backup:list');
    expect(list.folder).toBe(backupsDir());
    expect(list.backups.map((x) => [x.name, x.time, x.reason])).toEqual([
      ['scoredesk-20261005-001000-daily.db', '2026-10-05 00:10:00', 'daily'],
      ['scoredesk-20261004-233000-daily.db', '2026-10-04 23:30:00', 'daily'],
    ]);
    expect(list.backups[0]!.size).toBe(statSync(join(backupsDir(), list.backups[0]!.name)).size);
    b.close();
    for (let d = 6; d <= 11; d++) {
      b = host(at(d));
      await b.startMaintenance();
      b.close();
    }
    const names = readdirSync(backupsDir()).sort();
    expect(names).toHaveLength(7);
    expect(names[0]).toBe('scoredesk-20261005-001000-daily.db');
    expect(names).not.toContain('scoredesk-20261004-233000-daily.db');

    // unlock: lock an (empty) month, then unlock it
    b = host(at(11, 15));
    await call(b, 'month:lock', { month: '2026-09' });
    expect(readdirSync(backupsDir())).toHaveLength(7);
    await call(b, 'month:unlock', { month: '2026-09' });
    const after = readdirSync(backupsDir()).sort();
    expect(after).toContain('scoredesk-20261011-150000-unlock.db');
    expect(after).toHaveLength(7); // keep 7: the oldest daily went
    // unlocking a month that is not locked is refused and backs nothing up
    const r = await b.dispatch('month:unlock', { month: '2026-08' });
    expect(r.ok ? '' : r.error.message).toBe('2026-08 未锁定');
    expect(readdirSync(backupsDir()).sort()).toEqual(after);
    b.close();
  });

  it('folder and count are settings', async () => {
    const b = host(at(4));
    expect(await call(b, 'backup:settings')).toEqual({
      folder: backupsDir(),
      keep: 7,
      default_folder: backupsDir(),
    });
    const other = join(dir, '别处', 'bk');
    expect(await call(b, 'backup:settings', { folder: other, keep: 2 })).toEqual({
      folder: other,
      keep: 2,
      default_folder: backupsDir(),
    });
    const bad = await b.dispatch('backup:settings', { folder: 'relative/path' });
    expect(bad.ok ? '' : bad.error.message).toBe('备份文件夹应为完整路径：relative/path');
    await b.startMaintenance();
    expect(readdirSync(other)).toEqual(['scoredesk-20261004-100000-daily.db']);
    expect((await call<{ backupDir: string }>(b, 'app:info')).backupDir).toBe(other);
    b.close();
  });

  it('makes one backup when the start-up and a due daily run ask at once, and logs it once', async () => {
    const b = host(at(5, 0, 5));
    await Promise.all([b.startMaintenance(), b.startMaintenance()]);
    await b.startMaintenance(); // the same China day: nothing more
    b.close();
    expect(readdirSync(backupsDir())).toEqual(['scoredesk-20261005-000500-daily.db']);
    expect(logText().match(/"event":"backup","reason":"daily"/g)).toHaveLength(1);
  });

  it('restores a listed backup; a corrupt one is refused with the database unchanged', async () => {
    let b = host(at(4));
    await b.startMaintenance(); // empty database
    b.close();
    expect((await cli(['import', douyin('飞鸽客服数据_2026-10-04.csv'), '--db', dbPath])).code).toBe(0);
    b = host(at(4, 11));
    expect(count(dbPath)).toBe(1);
    const r = await call<{ schemaVersion: number }>(b, 'backup:restore', {
      name: 'scoredesk-20261004-100000-daily.db',
    });
    expect(r.schemaVersion).toBe(SCHEMA_VERSION);
    expect(await call(b, 'import:history')).toEqual([]);
    // the state before the restore: kept beside the db and as an automatic backup
    expect(count(`${dbPath}.before-restore`)).toBe(1);
    expect(count(join(backupsDir(), 'scoredesk-20261004-110000-restore.db'))).toBe(1);
    expect(readFileSync(join(dir, 'logs', 'scoredesk.log'), 'utf8')).toContain('"event":"restore"');

    // back to the one with the import, then a corrupt "backup" with a listed name
    await call(b, 'backup:restore', { name: 'scoredesk-20261004-110000-restore.db' });
    expect(await call<unknown[]>(b, 'import:history')).toHaveLength(1);
    const corrupt = join(backupsDir(), 'scoredesk-20261004-120000-daily.db');
    const good = readFileSync(join(backupsDir(), 'scoredesk-20261004-100000-daily.db'));
    writeFileSync(corrupt, Buffer.concat([good.subarray(0, 4096), Buffer.alloc(good.length - 4096, 0x5a)]));
    const before = readFileSync(dbPath);
    const bad = await b.dispatch('backup:restore', { name: 'scoredesk-20261004-120000-daily.db' });
    expect(bad.ok).toBe(false);
    expect(bad.ok ? '' : bad.error.message).toMatch(/备份文件(已损坏|未通过完整性检查)/);
    expect(readFileSync(dbPath).equals(before)).toBe(true);
    expect(await call<unknown[]>(b, 'import:history')).toHaveLength(1);
    // a name that is not an automatic backup (a path) is refused
    const escape = await b.dispatch('backup:restore', { name: '../test.db' });
    expect(escape.ok ? '' : escape.error.message).toBe('不是自动备份的文件名：../test.db');
    b.close();
  });

  it('makes a backup before migrating an existing older database', () => {
    // a database as the previous ScoreDesk left it: every migration but the last
    const db = new Database(dbPath);
    db.pragma('journal_mode = WAL');
    for (const m of MIGRATIONS.filter((x) => x.version < SCHEMA_VERSION)) m.up(db);
    db.pragma(`user_version = ${SCHEMA_VERSION - 1}`);
    db.close();
    const migrated = openDb(dbPath, { now: at(6, 9) });
    expect(migrated.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    migrated.close();
    expect(readdirSync(backupsDir())).toEqual(['scoredesk-20261006-090000-migration.db']);
    const copy = new Database(join(backupsDir(), 'scoredesk-20261006-090000-migration.db'), {
      readonly: true,
    });
    expect(copy.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION - 1);
    copy.close();
    // an up-to-date database is opened without a copy
    openDb(dbPath, { now: at(7) }).close();
    expect(readdirSync(backupsDir())).toHaveLength(1);
  });
});

describe('atomic restore', () => {
  async function backupWithOneImport(): Promise<string> {
    expect((await cli(['import', douyin('飞鸽客服数据_2026-10-04.csv'), '--db', dbPath])).code).toBe(0);
    const file = join(dir, 'one.db');
    expect((await cli(['backup', file, '--db', dbPath])).code).toBe(0);
    expect((await cli(['undo', '1', '--db', dbPath])).code).toBe(0);
    return file;
  }

  it('is refused while another connection holds a write transaction, and nothing changes', async () => {
    const file = await backupWithOneImport();
    const other = new Database(dbPath);
    other.exec('BEGIN IMMEDIATE');
    other.prepare("INSERT INTO settings (key, value_json) VALUES ('x', '1')").run();
    const before = readFileSync(dbPath);
    const r = await cli(['restore', file, '--db', dbPath]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('另一个程序正在使用数据库');
    expect(existsSync(`${dbPath}.before-restore`)).toBe(false);
    expect(readFileSync(dbPath).equals(before)).toBe(true);
    other.exec('COMMIT');
    other.close();
    // the other connection's commit is there; the restore then goes through
    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare("SELECT value_json FROM settings WHERE key = 'x'").get()).toEqual({ value_json: '1' });
    db.close();
    expect((await cli(['restore', file, '--db', dbPath])).code).toBe(0);
    expect(count(dbPath)).toBe(1);
    // the refused and the successful attempt each backed the data up first; the refusal is in the log
    expect(logText()).toContain('另一个程序正在使用数据库');
  });

  it('a kill after the temp write leaves the database unchanged and no temp file', async () => {
    const file = await backupWithOneImport();
    const db = openDb(dbPath);
    const before = readFileSync(dbPath);
    expect(() =>
      restoreFromFile(db, dbPath, file, undefined, {
        afterTempWrite: () => {
          throw new Error('killed');
        },
      }),
    ).toThrow('killed');
    expect(readFileSync(dbPath).equals(before)).toBe(true);
    expect(statSync(dbPath).size).toBeGreaterThan(0);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // the connection is still usable after the refusal
    expect((db.prepare('SELECT COUNT(*) AS n FROM import_batches').get() as { n: number }).n).toBe(1);
    db.close();
  });

  it('a host whose file was restored by another process serves the restored data on its next call', async () => {
    const file = await backupWithOneImport();
    const web = host(NOW_NOV);
    const rows = (await call<{ status: string }[]>(web, 'import:history')).map((x) => x.status);
    expect(rows).toEqual(['undone']);
    const desktop = host(NOW_NOV);
    await call(desktop, 'db:restore', { file: { name: 'one.db', bytes: readFileSync(file) } });
    desktop.close();
    expect((await call<{ status: string }[]>(web, 'import:history')).map((x) => x.status)).toEqual([
      'active',
    ]);
    // and the CLI restoring the undone state back
    expect((await cli(['restore', `${dbPath}.before-restore`, '--db', dbPath])).code).toBe(0);
    expect((await call<{ status: string }[]>(web, 'import:history')).map((x) => x.status)).toEqual([
      'undone',
    ]);
    web.close();
  });
});

describe('the log', () => {
  it('an import logs its summary; a chat import logs no message content and no buyer id', async () => {
    const b = host(NOW_NOV);
    const chat = join(FIX, 'events', '聊天记录_抖音_2026-10-05.csv');
    const done = new Promise<boolean>((ok) =>
      b.subscribe((e) => {
        if (e.type === 'job:done') ok(e.result.ok);
      }),
    );
    await call(b, 'import:start', {
      files: [{ name: '聊天记录_抖音_2026-10-05.csv', bytes: readFileSync(chat) }],
    });
    expect(await done).toBe(true);
    b.close();
    const lines = logText()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const imp = lines.filter((l) => l.event === 'import');
    expect(imp).toHaveLength(1);
    expect(imp[0]).toMatchObject({
      time: '2026-11-23 09:00:00',
      level: 'info',
      file: '聊天记录_抖音_2026-10-05.csv',
      status: 'imported',
      layout: 'events_messages',
      read: 17,
      accepted: 16,
      rejected: 1,
      batch_id: 1,
    });
    expect(typeof imp[0]!.duration_ms).toBe('number');
    const text = logText();
    const csv = readFileSync(chat, 'utf8').trim().split('\n').slice(1);
    for (const row of csv) {
      const cols = row.split(',');
      const [buyer, content] = [cols[4]!, cols[8]!];
      expect(text).not.toContain(`"${buyer}"`);
      if (content) expect(text).not.toContain(content);
    }
  });

  it('a failing API call logs its stack; a CLI failure logs too', async () => {
    const b = host(NOW_NOV);
    (b as unknown as { handlers: Record<string, () => unknown> }).handlers['report:months'] = () => {
      throw new TypeError('cannot read x of undefined');
    };
    const r = await b.dispatch('report:months', {});
    expect(r.ok ? null : r.error).toMatchObject({ message: '内部错误，请查看日志', code: 'internal' });
    b.close();
    const line = logText()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>)
      .find((l) => l.event === 'api')!;
    expect(line).toMatchObject({
      level: 'error',
      method: 'report:months',
      message: 'cannot read x of undefined',
    });
    expect(line.stack).toMatch(/^TypeError: cannot read x of undefined\n\s+at /);
    expect((await cli(['undo', '99', '--db', dbPath])).code).not.toBe(0);
    expect(logText()).toContain('"event":"cli"');
  });

  it('app:info names the log and the backups folder', async () => {
    const b = host(NOW_NOV);
    expect(await call(b, 'app:info')).toMatchObject({
      dbPath,
      logPath: join(dir, 'logs', 'scoredesk.log'),
      backupDir: backupsDir(),
    });
    const open = await b.dispatch('app:openFolder', { folder: '/etc' });
    expect(open.ok ? '' : open.error.code).toBe('invalid_input');
    b.close();
  });
});
