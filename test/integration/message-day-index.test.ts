import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openDb, type Db } from '../../src/main/db/open';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/main/db/migrations';
import { runImport } from '../../src/main/import/pipeline';
import { undoBatch } from '../../src/main/import/undo';
import type { FileResult } from '../../src/shared/imports';
import { chinaEpoch } from '../../src/shared/china-time';
import { tempDb } from './helpers';

const NOW = chinaEpoch(2026, 11, 5, 10, 0, 0)!;
const HEAD = '平台,店铺,会话ID,客服账号,买家,发送方,消息时间,自动回复,消息内容';

/** Two shops, day 3: sessions with ids, two rows without one, and a quoted text holding a comma and quotes. */
const ROWS = [
  '抖音,包装店,S1,包装店:小林,买家甲,买家,2026-10-03 10:00:00,,在吗',
  '抖音,包装店,S1,包装店:小林,买家甲,客服,2026-10-03 10:00:40,是,自动回复',
  '抖音,包装店,S1,包装店:小林,买家甲,客服,2026-10-03 10:02:00,,在的',
  '抖音,包装店,,包装店:小周,买家丙,买家,2026-10-03 11:00:00,,你好',
  '抖音,包装店,,包装店:小周,买家丙,客服,2026-10-03 11:00:30,,"您好,""亲"""',
  '抖音,礼品店,S9,礼品店:阿花,买家戊,买家,2026-10-03 15:00:00,,多少钱',
];

async function importCsv(db: Db, name: string, rows: string[], force = false): Promise<FileResult> {
  const bytes = new TextEncoder().encode([HEAD, ...rows].join('\r\n') + '\r\n');
  const r = await runImport(db, [{ name, bytes }], { force }, { now: NOW });
  expect(r.files[0]).toMatchObject({ status: 'imported' });
  return r.files[0]!;
}

/** The current account of the message S1 10:02 (three versions of it are imported below). */
const currentAccount = (db: Db): unknown =>
  db
    .prepare("SELECT account FROM messages WHERE session_id = 'S1' AND time = ? AND superseded_by IS NULL")
    .all(chinaEpoch(2026, 10, 3, 10, 2, 0));

describe('messages indexed by (shop, day) only (migration message-day-index)', () => {
  it('drops the (shop, day, key) index of an older database, whose rows re-import as unchanged', async () => {
    const file = tempDb();
    const db = openDb(file);
    expect((await importCsv(db, '聊天记录_2026-10-03.csv', ROWS)).rows).toMatchObject({ new: 6 });
    // as the version before it left the database: the key index present
    db.exec('CREATE INDEX messages_shop_day_key ON messages(shop_id, day, key)');
    const version = MIGRATIONS.find((m) => m.name === 'message-day-index')!.version;
    db.pragma(`user_version = ${version - 1}`);
    db.close();

    const again = openDb(file);
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const indexes = (
      again
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages'")
        .all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    expect(indexes.sort()).toEqual(['messages_batch', 'messages_shop_day']);
    // the same file again (forced past the same-bytes check): every key found, nothing added
    const r = await importCsv(again, '聊天记录_2026-10-03.csv', ROWS, true);
    expect(r.rows).toMatchObject({ accepted: 6, new: 0, updated: 0, unchanged: 6 });
    expect(again.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 6 });
    again.close();
    const raw = new Database(file);
    expect(raw.prepare('SELECT COUNT(*) AS n FROM messages WHERE superseded_by IS NULL').get()).toEqual({
      n: 6,
    });
    raw.close();
  });

  it('undo brings back the version a batch replaced only when no later version is current', async () => {
    const db = openDb(tempDb());
    await importCsv(db, 'a.csv', ROWS);
    // the same key (S1, 10:02, 客服, 在的) under 小周, then under 小王: each a new version of that message
    const b = await importCsv(db, 'b.csv', [ROWS[2]!.replace('包装店:小林', '包装店:小周')]);
    expect(b.rows).toMatchObject({ new: 0, updated: 1 });
    const c = await importCsv(db, 'c.csv', [ROWS[2]!.replace('包装店:小林', '包装店:小王')]);
    expect(c.rows).toMatchObject({ new: 0, updated: 1 });
    expect(currentAccount(db)).toEqual([{ account: '包装店:小王' }]);

    // undoing b removes its version; a's version, which b replaced, stays replaced — by c, the current one
    expect(undoBatch(db, b.batch_id!, NOW)).toMatchObject({ removed: 1, restored: 0 });
    expect(currentAccount(db)).toEqual([{ account: '包装店:小王' }]);
    expect(
      db
        .prepare('SELECT batch_id, superseded_by FROM messages WHERE session_id = ? AND time = ? ORDER BY id')
        .all('S1', chinaEpoch(2026, 10, 3, 10, 2, 0)),
    ).toEqual([
      { batch_id: 1, superseded_by: c.batch_id },
      { batch_id: c.batch_id, superseded_by: null },
    ]);
    // undoing c brings a's version back
    expect(undoBatch(db, c.batch_id!, NOW)).toMatchObject({ removed: 1, restored: 1 });
    expect(currentAccount(db)).toEqual([{ account: '包装店:小林' }]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM messages WHERE superseded_by IS NULL').get()).toEqual({
      n: 6,
    });
    db.close();
  });

  it('a key repeated in one file with other fields keeps the later row as the current version', async () => {
    const db = openDb(tempDb());
    const r = await importCsv(db, 'a.csv', [...ROWS, ROWS[2]!.replace('买家甲', '买家乙')]);
    // the second S1 10:02 row is an update of the first (7 rows read, 6 keys)
    expect(r.rows).toMatchObject({ accepted: 7 });
    expect(
      db
        .prepare('SELECT buyer, superseded_by FROM messages WHERE session_id = ? AND time = ? ORDER BY id')
        .all('S1', chinaEpoch(2026, 10, 3, 10, 2, 0)),
    ).toEqual([
      { buyer: '买家甲', superseded_by: r.batch_id },
      { buyer: '买家乙', superseded_by: null },
    ]);
    db.close();
  });
});
