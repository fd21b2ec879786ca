/**
 * "No wrong number enters silently" (issue 9): far dates, cut files, corrupt zips, mixed encodings, parts above their
 * whole, duplicated headers and rows — each through the real CLI, with the database unchanged where a file fails.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as XLSX from 'xlsx';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/shared/imports';
import type { MonthReport } from '../../src/shared/report';
import { bad, cli, douyin, FIX, tempDb } from './helpers';

let db: string;
let dir: string;
beforeEach(() => {
  db = tempDb();
  dir = mkdtempSync(join(tmpdir(), 'scoredesk-guards-'));
});

function file(name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

async function imp(
  files: string[],
  extra: string[] = [],
): Promise<{ code: number; files: FileResult[]; err: string }> {
  const r = await cli(['import', ...files, '--db', db, '--json', ...extra]);
  return { code: r.code, files: r.json<{ files: FileResult[] }>().files, err: r.err };
}

/** SHA-256 over every row of every table: "the database is unchanged" made checkable. */
function digest(): string {
  const d = new Database(db, { readonly: true });
  const h = createHash('sha256');
  const tables = d
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  for (const { name } of tables) {
    h.update(name);
    // some tables are WITHOUT ROWID: sort the rows themselves
    const rows = d
      .prepare(`SELECT * FROM "${name}"`)
      .all()
      .map((row) => JSON.stringify(row));
    for (const row of rows.sort()) h.update(row);
  }
  d.close();
  return h.digest('hex');
}

function facts(field: string): { account: string; from: string; value: number | null }[] {
  const d = new Database(db, { readonly: true });
  const rows = d
    .prepare(
      `SELECT a.account, f.period_from AS "from", f.value_n * 1.0 / f.value_d AS value FROM facts f
         JOIN accounts a ON a.id = f.account_id WHERE f.field = ? AND f.superseded_by IS NULL ORDER BY a.account, f.period_from`,
    )
    .all(field) as { account: string; from: string; value: number | null }[];
  d.close();
  return rows;
}

async function months(): Promise<string[]> {
  return (await cli(['months', '--db', db, '--json'])).json<string[]>();
}

/** A seeded database, so "unchanged" compares real content rather than an empty file. */
async function seed(): Promise<void> {
  const r = await imp([douyin('飞鸽客服数据_2026-10-04.csv')]);
  expect(r.code).toBe(0);
}

const KS_HEAD = '日期,店铺,客服账号,咨询到人工客服人数,3分钟未回复人数,询单人数,支付人数\n';

describe('dates outside the window (2015-01-01 … today + 1 year)', () => {
  it('rejects a 9999-12-31 row, a 1899-12-31 row and a 2014 row and imports the rest, in seconds', async () => {
    const csv =
      KS_HEAD +
      '2026-10-03,快店,快店:阿青,10,1,5,2\n' +
      '9999-12-31,快店,快店:小王,10,1,5,2\n' +
      '1899-12-31,快店,快店:小李,10,1,5,2\n' +
      '2014-12-31,快店,快店:小张,10,1,5,2\n';
    const t0 = Date.now();
    const r = await imp([file('快手考核.csv', csv)]);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(r.code).toBe(0);
    expect(r.files[0]!.rows).toMatchObject({ accepted: 1, rejected: 3 });
    expect(r.files[0]!.rejections.map((j) => [j.row, j.column, j.value, j.reason])).toEqual([
      [3, '日期', '9999-12-31', '日期 9999-12-31 超出允许范围（2015-01-01 至 2027-10-04）'],
      [4, '日期', '1899-12-31', '日期 1899-12-31 超出允许范围（2015-01-01 至 2027-10-04）'],
      [5, '日期', '2014-12-31', '日期 2014-12-31 超出允许范围（2015-01-01 至 2027-10-04）'],
    ]);
    expect(await months()).toEqual(['2026-10']);
    // imports and undo afterwards still finish
    const again = await imp([douyin('飞鸽客服数据_2026-10-04.csv')]);
    expect(again.code).toBe(0);
    expect((await cli(['undo', String(again.files[0]!.batch_id), '--db', db])).code).toBe(0);
  });

  it('rejects event rows outside the window (消息时间 9999-12-31) and keeps the months bounded', async () => {
    const csv =
      '平台,店铺,会话ID,客服账号,买家,发送方,消息时间,消息内容\n' +
      '抖音,星河旗舰店,S1,星河旗舰店:阿青,B1,买家,2026-10-03 10:00:00,在吗\n' +
      '抖音,星河旗舰店,S2,星河旗舰店:阿青,B2,买家,9999-12-31 23:59:59,在吗\n';
    const r = await imp([file('聊天记录.csv', csv)]);
    expect(r.code).toBe(0);
    expect(r.files[0]!.rejections.map((j) => [j.row, j.column, j.reason])).toEqual([
      [3, '消息时间', '日期 9999-12-31 超出允许范围（2015-01-01 至 2027-10-04）'],
    ]);
    expect(r.files[0]!.period).toEqual({ from: '2026-10-03', to: '2026-10-03', source: 'column' });
    expect(await months()).toEqual(['2026-10']);
  });

  it('rejects Excel serial 2958466 (10000-01-01) in an xlsx date cell', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['日期', '店铺', '客服账号', '咨询到人工客服人数', '3分钟未回复人数'],
      [46298, '快店', '快店:阿青', 10, 1],
      [2958466, '快店', '快店:小王', 10, 1],
    ]);
    for (const ref of ['A2', 'A3']) (ws[ref] as XLSX.CellObject).z = 'yyyy-mm-dd';
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Sheet1');
    const r = await imp([
      file('快手考核.xlsx', XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer),
    ]);
    expect(r.code).toBe(0);
    expect(facts('consulted_buyers')).toEqual([{ account: '快店:阿青', from: '2026-10-03', value: 10 }]);
    expect(r.files[0]!.rejections.map((j) => [j.row, j.column, j.reason])).toEqual([
      [3, '日期', '不是有效日期'],
    ]);
  });

  it('refuses --period and --date outside the window as a usage error (exit 1), database unchanged', async () => {
    await seed();
    const before = digest();
    const far = await cli([
      'import',
      bad('飞鸽客服数据_无日期.xlsx'),
      '--db',
      db,
      '--period',
      '2026-10-01~9999-12-31',
    ]);
    expect(far.code).toBe(1);
    expect(far.err).toContain('--period 不可用：日期 9999-12-31 超出允许范围（2015-01-01 至 2027-10-04）');
    expect(far.out).toBe('');
    const old = await cli(['import', bad('飞鸽客服数据_无日期.xlsx'), '--db', db, '--date', '2014-06-01']);
    expect(old.code).toBe(1);
    expect(old.err).toContain('--date 不可用：日期 2014-06-01 超出允许范围');
    // the window is configurable
    const wide = await cli([
      'import',
      bad('飞鸽客服数据_无日期.xlsx'),
      '--db',
      db,
      '--date',
      '2014-06-01',
      '--date-window',
      '2010-01-01~2030-12-31',
      '--dry-run',
    ]);
    expect(wide.code).toBe(0);
    expect(digest()).toBe(before);
  });

  it('fails a file whose name gives a period outside the window', async () => {
    const bytes = readFileSync(bad('飞鸽客服数据_无日期.xlsx'));
    const r = await imp([file('飞鸽客服数据_2031-01-01.xlsx', bytes)]);
    expect(r.code).toBe(2);
    expect(r.files[0]!.message).toBe(
      '文件“飞鸽客服数据_2031-01-01.xlsx”的统计期间（来自文件名）不可用：日期 2031-01-01 超出允许范围（2015-01-01 至 2027-10-04）',
    );
  });
});

describe('files cut short, corrupt or mixed never import partial rows', () => {
  it('a CSV cut mid-row: the cut last row is rejected and the earlier complete value stays (30, not 3)', async () => {
    const full = KS_HEAD + '2026-10-03,快店,快店:阿青,30,3,5,2\n2026-10-03,快店,快店:小王,10,1,5,2\n';
    expect((await imp([file('完整.csv', full)])).code).toBe(0);
    // same day again, the download cut inside 阿青's 30 → "3", and a row shorter than the header
    const cut = KS_HEAD + '2026-10-03,快店,快店:小王,12,1\n2026-10-03,快店,快店:阿青,3';
    const r = await imp([file('被截断.csv', cut)]);
    expect(r.files[0]!.rows).toMatchObject({ read: 2, accepted: 0, rejected: 2 });
    expect(r.files[0]!.status).toBe('failed');
    expect(r.code).toBe(2);
    expect(r.files[0]!.rejections.map((j) => [j.row, j.column, j.reason])).toEqual([
      [2, '整行', '只有 5 列，表头有 7 列（行不完整）'],
      [3, '整行', '是文件最后一行但没有换行结尾，可能在下载或复制时被截断（请重新导出完整文件）'],
    ]);
    expect(facts('consulted_buyers')).toEqual([
      { account: '快店:小王', from: '2026-10-03', value: 10 },
      { account: '快店:阿青', from: '2026-10-03', value: 30 },
    ]);
  });

  it('a row shorter than the header is rejected by itself; trailing empty cells written out are not short', async () => {
    const csv = KS_HEAD + '2026-10-03,快店,快店:阿青,30,3,,\n2026-10-03,快店,快店:小王,10\n';
    const r = await imp([file('短行.csv', csv)]);
    expect(r.code).toBe(0);
    expect(r.files[0]!.rows).toMatchObject({ accepted: 1, rejected: 1 });
    expect(r.files[0]!.rejections[0]).toMatchObject({ row: 3, reason: '只有 4 列，表头有 7 列（行不完整）' });
  });

  it('xlsx with a flipped byte (CRC mismatch) fails as a whole, exit 2, database unchanged', async () => {
    await seed();
    const before = digest();
    const ws = XLSX.utils.aoa_to_sheet([
      ['日期', '店铺', '客服账号', '咨询到人工客服人数', '3分钟未回复人数'],
      ['2026-10-03', '快店', '快店:阿青', 30, 3],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Sheet1');
    // stored (uncompressed) entries, so the flipped byte still parses: only the CRC can tell
    const bytes = Buffer.from(
      XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: false }) as Buffer,
    );
    const at = bytes.indexOf(Buffer.from('<v>30</v>'));
    expect(at).toBeGreaterThan(0);
    bytes[at + 3] = '8'.charCodeAt(0);
    const r = await imp([file('翻转.xlsx', bytes)]);
    expect(r.code).toBe(2);
    expect(r.files[0]!.message).toBe(
      '文件“翻转.xlsx”已损坏：压缩包内的“xl/worksheets/sheet1.xml”校验失败（CRC 不符）（文件可能下载不完整或被改动，请重新导出）',
    );
    expect(digest()).toBe(before);
  });

  it('a GBK CSV with one UTF-8 row fails whole, naming the line', async () => {
    await seed();
    const before = digest();
    const gbk = readFileSync(douyin('飞鸽客服数据_2026-10-04.csv'));
    const mixed = Buffer.concat([
      gbk,
      Buffer.from('星河旗舰店,新人,星河旗舰店:新人,1,1,1,0,50%,50%,1,1,1,1,1,1,1,1,1,0,1,0,0\r\n'),
    ]);
    const lines = gbk.toString('latin1').split('\n').length;
    const r = await imp([file('飞鸽客服数据_2026-10-05.csv', mixed)]);
    expect(r.code).toBe(2);
    expect(r.files[0]!.message).toContain(`编码混杂：大部分内容是 GBK/GB18030，但第 ${lines} 行是 UTF-8`);
    expect(digest()).toBe(before);
  });

  it('a UTF-8 file cut inside a character is reported as cut, not as an unknown layout', async () => {
    const bytes = Buffer.from(
      KS_HEAD + '2026-10-03,快店,快店:阿青,30,3,5,2\n2026-10-03,快店,快店:小王',
      'utf8',
    );
    const r = await imp([file('半个字.csv', bytes.subarray(0, bytes.length - 1))]);
    expect(r.code).toBe(2);
    expect(r.files[0]!.message).toBe(
      '文件“半个字.csv”不完整：文件在最后一个字符中间被截断（UTF-8），请重新导出',
    );
  });

  it('an HTML .xls cut before </table> fails whole', async () => {
    await seed();
    const before = digest();
    const html = readFileSync(join(FIX, 'taobao', '咨询接待分析_2026-10-11.xls'));
    // cut at a row end, so the text itself decodes and only the missing </table> tells
    const at = html.indexOf('</tr>', Math.floor(html.length / 2)) + 5;
    expect(at).toBeGreaterThan(5);
    const r = await imp([file('咨询接待分析_2026-10-11.xls', html.subarray(0, at))]);
    expect(r.code).toBe(2);
    expect(r.files[0]!.message).toBe(
      '文件“咨询接待分析_2026-10-11.xls”不完整：表格没有结束标记，文件可能在下载时被截断，请重新导出',
    );
    expect(digest()).toBe(before);
  });
});

describe('values that cannot be true', () => {
  it('rejects a part above its whole: 3分钟未回复人数 30 of 咨询 10, 支付人数 100 of 询单 10', async () => {
    const csv =
      KS_HEAD +
      '2026-10-03,快店,快店:阿青,10,30,5,2\n' +
      '2026-10-03,快店,快店:小王,10,1,10,100\n' +
      '2026-10-03,快店,快店:小李,10,10,10,10\n';
    const r = await imp([file('快手考核.csv', csv)]);
    expect(r.code).toBe(0);
    expect(r.files[0]!.rejections.map((j) => [j.row, j.column, j.value, j.reason])).toEqual([
      [2, '3分钟未回复人数', '30', '大于“咨询到人工客服人数”（10），数据有误'],
      [3, '支付人数', '100', '大于“询单人数”（10），数据有误'],
    ]);
    expect(facts('unreplied_3min_buyers')).toEqual([{ account: '快店:小李', from: '2026-10-03', value: 10 }]);
  });

  it('rejects a rate above 100%', async () => {
    const csv =
      '日期,店铺,客服账号,咨询到人工客服人数,询单转化率\n2026-10-03,快店,快店:阿青,10,1000%\n2026-10-03,快店,快店:小王,10,40%\n';
    const r = await imp([file('快手考核.csv', csv)]);
    expect(r.files[0]!.rejections.map((j) => [j.row, j.value, j.reason])).toEqual([
      [2, '1000%', '不是有效比率（应在 0%–100% 之间）'],
    ]);
  });

  it('fails a file with a duplicated header column, naming both columns', async () => {
    await seed();
    const before = digest();
    const csv =
      '日期,店铺,客服账号,咨询到人工客服人数,3分钟未回复人数,咨询到人工客服人数\n2026-10-03,快店,快店:阿青,10,1,20\n';
    const r = await imp([file('重复列.csv', csv)]);
    expect(r.code).toBe(2);
    expect(r.files[0]!.message).toBe(
      '文件“重复列.csv”工作表“重复列”的表头“咨询到人工客服人数”出现了两次（第 D 列和第 F 列），无法确定用哪一列：请删除重复的列后再导入',
    );
    expect(digest()).toBe(before);
  });
});

describe('duplicate event rows', () => {
  const HEAD = '平台,店铺,会话ID,客服账号,买家,发送方,消息时间,自动回复,消息内容\n';
  function count(): number {
    const d = new Database(db, { readonly: true });
    const n = (d.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n;
    d.close();
    return n;
  }

  it('50 identical chat rows with a 会话ID are one message', async () => {
    const row = '抖音,星河旗舰店,S1,星河旗舰店:阿青,B1,买家,2026-10-03 10:00:00,,在吗\n';
    const r = await imp([file('聊天记录.csv', HEAD + row.repeat(50))]);
    expect(r.code).toBe(0);
    expect(r.files[0]!.rows).toMatchObject({ read: 50, accepted: 1, new: 1, rejected: 0 });
    expect(r.files[0]!.message).toContain('49 行与前面的行完全相同，只计一次');
    expect(count()).toBe(1);
  });

  it('identical rating rows count once; two ratings differing in level both stay', async () => {
    const head = '平台,店铺,客服账号,买家,评价时间,评价等级\n';
    const row = '快手,快店,快店:阿青,B1,2026-10-03 10:00:00,满意\n';
    const r = await imp([
      file('评价明细.csv', head + row + row + row + '快手,快店,快店:阿青,B2,2026-10-03 11:00:00,一般\n'),
    ]);
    expect(r.files[0]!.rows).toMatchObject({ read: 4, accepted: 2, new: 2 });
    expect(r.files[0]!.message).toContain('2 行与前面的行完全相同，只计一次');
  });

  it('without 会话ID identical rows stay separate messages (keyed by occurrence, imports.md §4)', async () => {
    const row = '抖音,星河旗舰店,,星河旗舰店:阿青,B1,买家,2026-10-03 10:00:00,,在吗\n';
    const r = await imp([file('聊天记录.csv', HEAD + row.repeat(3))]);
    expect(r.files[0]!.rows).toMatchObject({ accepted: 3, new: 3 });
    expect(count()).toBe(3);
  });
});

describe('header variants', () => {
  it('reads 子账号 as the account, (会话维度)/(人维度) headers, and drops 店铺数据 / 全店… rows', async () => {
    const csv =
      '日期,店铺,子账号,人工已接待会话量,3分钟人工回复率【会话维度】,3分钟人工回复率 (人维度)\n' +
      '2026-10-03,星河旗舰店,星河旗舰店:阿青,10,50%,40%\n' +
      '2026-10-03,店铺数据,,10,50%,40%\n' +
      '2026-10-03,全店 平均值,-,10,50%,40%\n';
    const r = await imp([file('飞鸽.csv', csv)], ['--platform', 'douyin']);
    expect(r.code).toBe(0);
    expect(r.files[0]).toMatchObject({ layout: 'douyin_feige_classic', rows: { accepted: 1, rejected: 0 } });
    expect(facts('reply_3min_rate_session')).toEqual([
      { account: '星河旗舰店:阿青', from: '2026-10-03', value: 0.5 },
    ]);
    expect(facts('reply_3min_rate_person')).toEqual([
      { account: '星河旗舰店:阿青', from: '2026-10-03', value: 0.4 },
    ]);
  });
});

describe('account synonyms', () => {
  it('finds the account under 客服ID, and under 客服昵称 alone keeps the 店铺:昵称 convention', async () => {
    const byId = '日期,店铺,客服ID,咨询到人工客服人数\n2026-10-03,快店,K-001,10\n';
    const a = await imp([file('快手考核_ID.csv', byId)]);
    expect(a.files[0]).toMatchObject({ layout: 'kuaishou_assessment', shop: '快店', accounts: ['K-001'] });
    const byNick = '日期,客服昵称,咨询到人工客服人数\n2026-10-03,星河旗舰店:阿青,12\n';
    const b = await imp([file('快手考核_昵称.csv', byNick)]);
    expect(b.files[0]).toMatchObject({ shop: '星河旗舰店', accounts: ['星河旗舰店:阿青'] });
    expect(facts('consulted_buyers')).toEqual([
      { account: 'K-001', from: '2026-10-03', value: 10 },
      { account: '星河旗舰店:阿青', from: '2026-10-03', value: 12 },
    ]);
  });
});

describe('CLI streams', () => {
  it('prints results on stdout and failures and rejected rows on stderr', async () => {
    const good = file(
      '快手考核.csv',
      KS_HEAD + '2026-10-03,快店,快店:阿青,10,1,5,2\n2026-10-03,快店,快店:小王,10,30,5,2\n',
    );
    const broken = file('损坏.xlsx', Buffer.from('PK\u0003\u0004garbage'));
    const r = await cli(['import', good, broken, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.out).toBe(
      '✓ 快手考核.csv: 快手 客服考核数据 已导入 1 行（新增 1，更新 0，未变 0）；1 行被拒绝；期间 2026-10-03\n',
    );
    expect(r.err).toContain(
      '    工作表“快手考核”第 3 行 3分钟未回复人数 “30”：大于“咨询到人工客服人数”（10），数据有误\n',
    );
    expect(r.err).toMatch(/^✗ 损坏\.xlsx: {2}文件“损坏\.xlsx”无法读取/m);
    const json = await cli(['import', broken, '--db', db, '--json']);
    expect(json.json<{ files: FileResult[] }>().files[0]!.status).toBe('failed');
    expect(json.err).toMatch(/^✗ 损坏\.xlsx/);
  });

  it('report notices go to stderr', async () => {
    await seed();
    const r = await cli(['report', '--month', '2026-10', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('注意');
    const json = await cli(['report', '--month', '2026-10', '--db', db, '--json']);
    const notices = json.json<MonthReport>().notices;
    for (const n of notices) expect(r.err).toContain(`注意：${n.message}`);
  });
});
