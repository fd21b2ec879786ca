import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openDb, type Db } from '../../src/main/db/open';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/main/db/migrations';
import { runImport } from '../../src/main/import/pipeline';
import { undoBatch } from '../../src/main/import/undo';
import { decodePacked, readPackedMessages } from '../../src/main/events/packed';
import { allEventDays } from '../../src/main/events/recalc';
import { evidence } from '../../src/main/events/evidence';
import { chinaEpoch } from '../../src/shared/china-time';
import { tempDb } from './helpers';

const NOW = chinaEpoch(2026, 11, 5, 10, 0, 0)!;
const HEAD = '平台,店铺,会话ID,客服账号,买家,发送方,消息时间,自动回复,消息内容,接入时间';

/** The table's current rows of a shop-day as the engine reads them, in id order. */
function tableDay(db: Db, shopId: number, day: string): unknown[] {
  return db
    .prepare(
      `SELECT account, buyer, session_id AS sessionId, time, sender, auto_reply AS autoReply, seq, handover_at AS handoverAt
         FROM messages WHERE shop_id = ? AND day = ? AND superseded_by IS NULL ORDER BY id`,
    )
    .all(shopId, day);
}

/** The packed store's rows of a shop-day, decoded (null: no blob stored). */
function packedDay(db: Db, shopId: number, day: string): unknown[] | null {
  const r = db.prepare('SELECT n, data FROM message_days WHERE shop_id = ? AND day = ?').get(shopId, day) as
    { n: number; data: Buffer } | undefined;
  if (!r) return null;
  const p = decodePacked(r.data);
  expect(p.n).toBe(r.n);
  return Array.from({ length: p.n }, (_, i) => ({
    account: p.str(p.account[i]!),
    buyer: p.str(p.buyer[i]!),
    sessionId: p.session[i] ? p.str(p.session[i] - 1) : null,
    time: p.time[i],
    sender: ['buyer', 'agent', 'bot', 'system'][p.sender[i]!],
    autoReply: p.auto[i],
    seq: p.seq[i],
    handoverAt: Number.isNaN(p.handover[i]) ? null : p.handover[i],
  }));
}

/** Every shop-day with messages has a blob equal to the table, and no blob is left for a day without them. */
function expectStoreEqualsTable(db: Db): number {
  const cells = db
    .prepare('SELECT DISTINCT shop_id, day FROM messages WHERE superseded_by IS NULL')
    .all() as {
    shop_id: number;
    day: string;
  }[];
  for (const c of cells)
    expect(packedDay(db, c.shop_id, c.day), `${c.shop_id} ${c.day}`).toEqual(tableDay(db, c.shop_id, c.day));
  const blobs = db.prepare('SELECT shop_id, day FROM message_days').all() as {
    shop_id: number;
    day: string;
  }[];
  expect(blobs.length).toBe(cells.length);
  return cells.length;
}

const t = (day: number, h: number, m: number, s = 0): string =>
  `2026-10-${String(day).padStart(2, '0')} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;

/** Two shops, days 3–4: sessions with ids, rows without, an auto reply, a hand-over time and a 系统 marker row. */
function baseRows(): string[] {
  return [
    `抖音,包装店,S1,包装店:小林,买家甲,买家,${t(3, 10, 0)},,在吗,`,
    `抖音,包装店,S1,包装店:小林,买家甲,客服,${t(3, 10, 0, 40)},是,自动回复,`,
    `抖音,包装店,S1,包装店:小林,买家甲,客服,${t(3, 10, 2)},,在的,`,
    `抖音,包装店,S2,包装店:小周,买家乙,买家,${t(3, 23, 58)},,发货了吗,${t(3, 23, 59)}`,
    `抖音,包装店,S2,包装店:小周,买家乙,客服,${t(4, 0, 1)},,今天发,`,
    `抖音,包装店,,包装店:小周,买家丙,买家,${t(4, 9, 0)},,你好,`,
    `抖音,包装店,,包装店:小周,买家丙,客服,${t(4, 9, 5)},,您好,`,
    `抖音,包装店,S3,包装店:小林,买家丁,机器人,${t(4, 11, 0)},,欢迎,`,
    `抖音,包装店,S3,包装店:小林,买家丁,系统,${t(4, 11, 1)},,买家已转人工，客服已接入,`,
    `抖音,包装店,S3,包装店:小林,买家丁,客服,${t(4, 11, 2)},,来了,`,
    `抖音,礼品店,S9,礼品店:阿花,买家戊,买家,${t(3, 15, 0)},,多少钱,`,
    `抖音,礼品店,S9,礼品店:阿花,买家戊,客服,${t(3, 15, 1)},,九块九,`,
  ];
}

async function importCsv(db: Db, name: string, rows: string[]): Promise<number> {
  const bytes = new TextEncoder().encode([HEAD, ...rows].join('\n') + '\n');
  const r = await runImport(db, [{ name, bytes }], {}, { now: NOW });
  expect(r.files[0]).toMatchObject({ status: 'imported' });
  return r.files[0]!.batch_id!;
}

const shopId = (db: Db, name: string): number =>
  (db.prepare('SELECT id FROM shops WHERE name = ?').get(name) as { id: number }).id;

describe('the packed chat store (message_days) follows the messages table', () => {
  it('holds exactly the current rows of each shop-day after an import', async () => {
    const db = openDb(tempDb());
    await importCsv(db, '聊天记录_2026-10-03.csv', baseRows());
    expect(expectStoreEqualsTable(db)).toBe(3);
    const shop = shopId(db, '包装店');
    // day 4 of 包装店: 6 rows, the 系统 row's marker stored as its hand-over time
    const day4 = packedDay(db, shop, '2026-10-04')!;
    expect(day4).toHaveLength(6);
    expect(day4[4]).toMatchObject({ sender: 'system', handoverAt: chinaEpoch(2026, 10, 4, 11, 1, 0) });
    const day3 = packedDay(db, shop, '2026-10-03')!;
    expect(day3.map((r) => (r as { autoReply: number }).autoReply)).toEqual([0, 1, 0, 0]);
    expect(day3[3]).toMatchObject({ sessionId: 'S2', handoverAt: chinaEpoch(2026, 10, 3, 23, 59, 0) });
    db.close();
  });

  it('follows a re-import with changed, new and identical rows, and an undo of it', async () => {
    const db = openDb(tempDb());
    await importCsv(db, '聊天记录_2026-10-03.csv', baseRows());
    const rows = baseRows();
    // the same key (S1, time, sender, text) now under another account: a new version of that message
    rows[2] = rows[2]!.replace('包装店:小林', '包装店:小周');
    rows.push(`抖音,包装店,S4,包装店:小林,买家己,买家,${t(4, 20, 0)},,还有货吗,`);
    rows.push(`抖音,礼品店,S9,礼品店:阿花,买家戊,买家,${t(5, 8, 0)},,谢谢,`);
    const second = await importCsv(db, '聊天记录_2026-10-03(2).csv', rows);
    expect(expectStoreEqualsTable(db)).toBe(4);
    const shop = shopId(db, '包装店');
    expect(packedDay(db, shop, '2026-10-03')![3]).toMatchObject({
      account: '包装店:小周',
      time: chinaEpoch(2026, 10, 3, 10, 2, 0),
    });
    expect(packedDay(db, shop, '2026-10-04')).toHaveLength(7);
    expect(packedDay(db, shopId(db, '礼品店'), '2026-10-05')).toHaveLength(1);

    undoBatch(db, second, NOW);
    expect(expectStoreEqualsTable(db)).toBe(3);
    expect(packedDay(db, shop, '2026-10-03')![2]).toMatchObject({ account: '包装店:小林' });
    expect(packedDay(db, shop, '2026-10-04')).toHaveLength(6);
    expect(packedDay(db, shopId(db, '礼品店'), '2026-10-05')).toBeNull();
    db.close();
  });

  it('keeps the later of a key repeated inside one file', async () => {
    const db = openDb(tempDb());
    const rows = baseRows();
    rows.push(rows[0]!.replace('包装店:小林', '包装店:小周'));
    await importCsv(db, '聊天记录_2026-10-03.csv', rows);
    expectStoreEqualsTable(db);
    expect(
      packedDay(db, shopId(db, '包装店'), '2026-10-03')!.filter(
        (r) => (r as { buyer: string }).buyer === '买家甲',
      ),
    ).toHaveLength(3);
    db.close();
  });

  it('drops a day changed outside the commit and the recalculation reads it rebuilt', async () => {
    const db = openDb(tempDb());
    await importCsv(db, '聊天记录_2026-10-03.csv', baseRows());
    const shop = shopId(db, '包装店');
    db.prepare("UPDATE messages SET buyer = '买家庚' WHERE shop_id = ? AND buyer = '买家丙'").run(shop);
    expect(packedDay(db, shop, '2026-10-04')).toBeNull();
    expect(packedDay(db, shop, '2026-10-03')).not.toBeNull();
    // a row written without the commit (no trigger on insert): the day's highest id moved, so the blob is rebuilt
    db.prepare(
      `INSERT INTO messages (key, shop_id, account, buyer, session_id, time, day, sender, seq, batch_id)
       SELECT 'hand', shop_id, account, '买家辛', NULL, time + 60, day, 'buyer', 99, batch_id FROM messages
        WHERE shop_id = ? AND day = '2026-10-03' ORDER BY id LIMIT 1`,
    ).run(shop);
    const { messages } = readPackedMessages(db, shop, 'douyin', '包装店', '2026-10-02', '2026-10-05');
    expect(messages.map((m) => m.buyer)).toEqual([
      '买家甲',
      '买家甲',
      '买家甲',
      '买家乙',
      '买家辛',
      '买家乙',
      '买家庚',
      '买家庚',
      '买家丁',
      '买家丁',
      '买家丁',
    ]);
    expect(messages[0]).toEqual({
      platform: 'douyin',
      shop: '包装店',
      account: '包装店:小林',
      buyer: '买家甲',
      sessionId: 'S1',
      time: chinaEpoch(2026, 10, 3, 10, 0, 0),
      sender: 'buyer',
      autoReply: 0,
      seq: 2,
      handoverAt: null,
    });
    expectStoreEqualsTable(db);
    db.close();
  });

  it('is built by the migration for a database from before it (schema 15)', async () => {
    const file = tempDb();
    const db = openDb(file);
    await importCsv(db, '聊天记录_2026-10-03.csv', baseRows());
    // as version 15 left it: no store, no triggers
    db.exec(
      'DROP TRIGGER messages_packed_update; DROP TRIGGER messages_packed_delete; DROP TABLE message_days;',
    );
    // the version before the store's migration (017 here; the number may move when migrations are merged)
    const packed = MIGRATIONS.find((m) => m.name === 'packed-messages')!.version;
    db.pragma(`user_version = ${packed - 1}`);
    db.close();
    const again = openDb(file);
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(expectStoreEqualsTable(again)).toBe(3);
    again.close();
    const raw = new Database(file);
    expect(
      raw
        .prepare(
          "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'messages_packed_%'",
        )
        .get(),
    ).toEqual({ n: 2 });
    raw.close();
  });

  it('finds the shop-days of a month for a full recalculation by index seeks, superseded rows included', async () => {
    const db = openDb(tempDb());
    await importCsv(db, '聊天记录_2026-10-03.csv', [
      ...baseRows(),
      `抖音,礼品店,S8,礼品店:阿花,买家壬,买家,2026-11-01 09:00:00,,十一月,`,
      `抖音,礼品店,S7,礼品店:阿花,买家癸,买家,2026-09-30 23:00:00,,九月,`,
    ]);
    const a = shopId(db, '包装店');
    const b = shopId(db, '礼品店');
    // every row of 礼品店 on 10-03 superseded: the day still counts (its cells must be recomputed to nothing)
    db.prepare("UPDATE messages SET superseded_by = batch_id WHERE shop_id = ? AND day = '2026-10-03'").run(
      b,
    );
    const days = allEventDays(db, '2026-10');
    expect([...days.keys()].sort()).toEqual([a, b].sort());
    expect([...days.get(a)!].sort()).toEqual(['2026-10-03', '2026-10-04']);
    expect([...days.get(b)!]).toEqual(['2026-10-03']);
    expect([...allEventDays(db).get(b)!].sort()).toEqual(['2026-09-30', '2026-10-03', '2026-11-01']);
    db.close();
  });

  it('gives the drill-down the same failing rounds from a dropped store without writing one', async () => {
    const db = openDb(tempDb());
    await importCsv(db, '聊天记录_2026-10-03.csv', [
      ...baseRows(),
      // 小林: a 10-minute wait in S5 and a 4-minute one for a buyer without 会话ID (both fail the 3-minute rate)
      `抖音,包装店,S5,包装店:小林,买家子,买家,${t(5, 20, 0)},,在吗,`,
      `抖音,包装店,S5,包装店:小林,买家子,客服,${t(5, 20, 10)},,在,`,
      `抖音,包装店,,包装店:小林,买家丑,买家,${t(6, 9, 0)},,有货吗,`,
      `抖音,包装店,,包装店:小林,买家丑,客服,${t(6, 9, 4)},,有,`,
    ]);
    const input = {
      month: '2026-10',
      platform: 'douyin' as const,
      shop: '包装店',
      account: '包装店:小林',
      metric: 'reply_3min_rate' as const,
    };
    const before = evidence(db, input, { parts: [] });
    expect(before.rounds.map((r) => [r.buyer, r.round_start, r.wait])).toEqual([
      ['买家子', '2026-10-05 20:00:00', 600],
      ['买家丑', '2026-10-06 09:00:00', 240],
    ]);
    db.exec('DELETE FROM message_days');
    expect(evidence(db, input, { parts: [] })).toEqual(before);
    expect(db.prepare('SELECT COUNT(*) AS n FROM message_days').get()).toEqual({ n: 0 });
    db.close();
  });
});
