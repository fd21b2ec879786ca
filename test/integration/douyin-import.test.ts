import { beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { FileResult } from '../../src/shared/imports';
import type { MonthReport } from '../../src/shared/report';
import { metricsFor } from '../../src/shared/metrics';
import { openDb } from '../../src/main/db/open';
import { bad, cli, douyin, NOW_NOV, tempDb } from './helpers';

let db: string;
beforeEach(() => {
  db = tempDb();
});

async function importJson(
  files: string[],
  extra: string[] = [],
  now?: number,
): Promise<{ code: number; files: FileResult[]; err: string }> {
  const r = await cli(['import', ...files, '--db', db, '--json', ...extra], now);
  return { code: r.code, files: r.json<{ files: FileResult[] }>().files, err: r.err };
}

async function report(month = '2026-10', now?: number): Promise<MonthReport> {
  const r = await cli(['report', '--month', month, '--db', db, '--json'], now);
  expect(r.code).toBe(0);
  return r.json<MonthReport>();
}

const acc = (r: MonthReport, account: string) => r.accounts.find((a) => a.account === account)!;

function counts(): { batches: number; facts: number } {
  const d = new Database(db, { readonly: true });
  const batches = (d.prepare('SELECT COUNT(*) AS n FROM import_batches').get() as { n: number }).n;
  const facts = (d.prepare('SELECT COUNT(*) AS n FROM facts').get() as { n: number }).n;
  d.close();
  return { batches, facts };
}

describe('Douyin 飞鸽 classic export, end to end through the CLI', () => {
  it('imports the ugly day file: banner rows and summary rows dropped, a bad row rejected with its Excel row', async () => {
    const { code, files, err } = await importJson([douyin('飞鸽客服数据_2026-10-03.xlsx')]);
    expect(code).toBe(0);
    const f = files[0]!;
    expect(f).toMatchObject({
      status: 'imported',
      layout: 'douyin_feige_classic',
      platform: 'douyin',
      shop: '星河旗舰店',
      period: { from: '2026-10-03', to: '2026-10-03', source: 'file_name' },
      rows: { read: 3, accepted: 2, rejected: 1, new: 2, updated: 0, unchanged: 0 },
    });
    expect(f.rejections).toEqual([
      { sheet: '客服数据', row: 8, column: '人工已接待人数', value: 'abc', reason: '不是有效数字' },
    ]);
    expect(f.batch_id).toBeGreaterThan(0);
    expect(err).toContain('来自文件名');
  });

  it('reports every Douyin metric from counts, per account and per shop, never averaging percentages', async () => {
    await importJson([douyin('飞鸽客服数据_2026-10-03.xlsx')]);
    const r = await report();
    expect(r.month).toBe('2026-10');
    const q = acc(r, '星河旗舰店:阿青');
    expect(q).toMatchObject({
      platform: 'douyin',
      shop: '星河旗舰店',
      nickname: '阿青',
      agent_id: null,
      agent: null,
    });
    expect(Object.keys(q.metrics).sort()).toEqual([...metricsFor('douyin')].sort());
    // 85.00% × 40 sessions = 34
    expect(q.metrics.reply_3min_rate).toEqual({
      value: 0.85,
      numerator: 34,
      denominator: 40,
      approximate: false,
      small_sample: false,
      threshold: { op: '>=', value: 0.8 },
      pass: true,
      status: 'provisional',
      // one day of the platform's export (issue 8: each value carries its source)
      source: 'summary',
      source_days: { summary: 1, events: 0 },
    });
    // 58.00% × 25 = 14.5 → 15 (half up); 25 sessions < 30 → small sample
    expect(acc(r, '星河旗舰店:小满').metrics.reply_3min_rate).toMatchObject({
      numerator: 15,
      denominator: 25,
      value: 0.6,
      small_sample: true,
      pass: false,
    });
    const shop = r.shops[0]!;
    expect(shop).toMatchObject({ platform: 'douyin', shop: '星河旗舰店' });
    // (34 + 15) / (40 + 25) = 75.38%, not the mean of 85% and 58% (71.5%)
    expect(shop.metrics.reply_3min_rate).toMatchObject({ numerator: 49, denominator: 65, pass: false });
    expect(shop.metrics.reply_3min_rate!.value).toBeCloseTo(49 / 65, 12);
    // new average response time (28.6 s) is the newest definition; 小满's '-' adds nothing
    expect(shop.metrics.avg_response_s).toMatchObject({
      value: 28.6,
      denominator: 40,
      approximate: true,
      pass: true,
    });
    // first response: 阿青 12.5 s × 40, 小满 "1分5秒" = 65 s × 25
    expect(shop.metrics.first_response_s!.value).toBeCloseTo((12.5 * 40 + 65 * 25) / 65, 10);
    // good rate given only as 满意率: 92.31% × 40 sessions, unrounded, approximate
    expect(q.metrics.good_rate).toMatchObject({
      numerator: 36.924,
      denominator: 40,
      approximate: true,
      threshold: null,
      pass: null,
    });
    expect(shop.metrics.conversion_rate).toMatchObject({
      numerator: 11,
      denominator: 30,
      small_sample: false,
    });
    expect(shop.metrics.sales_amount).toMatchObject({ value: 1794.5, denominator: null });
    expect(shop.metrics.avg_order_value!.value).toBeCloseTo(1794.5 / 11, 10);
    expect(shop.metrics.served_buyers!.value).toBe(63);
    expect(shop.metrics.sessions!.value).toBe(65);
    expect(shop.metrics.online_hours!.value).toBe(13.5);
    expect(shop.metrics.sessions_per_hour!.value).toBeCloseTo(65 / 13.5, 10);
    // no data is not zero
    expect(shop.metrics.answer_ratio).toMatchObject({
      value: null,
      numerator: null,
      denominator: null,
      pass: null,
      status: null,
    });
    expect(shop.metrics.exam_warnings).toMatchObject({ value: null, threshold: { op: '<=', value: 0 } });
  });

  it('marks data final once imported on or after D+2', async () => {
    await importJson([douyin('飞鸽客服数据_2026-10-03.xlsx')], [], NOW_NOV);
    const r = await report('2026-10', NOW_NOV);
    expect(acc(r, '星河旗舰店:阿青').metrics.reply_3min_rate!.status).toBe('final');
  });

  it('sums a month over days from xlsx, GBK CSV and a CSV named .xls, and rows with their own date column', async () => {
    const { code, files } = await importJson([
      douyin('飞鸽客服数据_2026-10-03.xlsx'),
      douyin('飞鸽客服数据_2026-10-04.csv'),
      douyin('飞鸽客服数据_2026-10-05.xls'),
      douyin('飞鸽客服数据_按日.xlsx'),
    ]);
    expect(code).toBe(0);
    expect(files.map((f) => f.status)).toEqual(['imported', 'imported', 'imported', 'imported']);
    expect(files[3]!.rejections).toEqual([
      { sheet: 'Sheet1', row: 4, column: '日期', value: '2026-13-40', reason: '不是有效日期' },
    ]);
    expect(files[3]!.period).toEqual({ from: '2026-10-06', to: '2026-10-07', source: 'column' });
    const r = await report();
    // 阿青: 34/40 + 5/10 (50.00%) + 15/20 (0.75) + 24/30 (80.00%) + 14/20 (70.00%) = 92/120
    expect(acc(r, '星河旗舰店:阿青').metrics.reply_3min_rate).toMatchObject({
      numerator: 92,
      denominator: 120,
    });
    // 小满: 15/25 + 27/30 = 42/55
    expect(acc(r, '星河旗舰店:小满').metrics.reply_3min_rate).toMatchObject({
      numerator: 42,
      denominator: 55,
    });
    // money forms: 1,234.50 + 300 + 100 + ¥1,000.00 + 500元
    expect(acc(r, '星河旗舰店:阿青').metrics.sales_amount!.value).toBe(3134.5);
    // first response, session-weighted: 12.5×40 + 20×10 + 10×20 + "00:20"(20 s)×30 + "15秒"×20 = 1800 over 120
    expect(acc(r, '星河旗舰店:阿青').metrics.first_response_s).toMatchObject({
      numerator: 1800,
      denominator: 120,
      value: 15,
    });
  });

  it('a file naming the same account twice for a day: the second row is rejected naming the first; re-imports are unchanged', async () => {
    const head =
      '店铺名称,客服昵称,账号名称,人工已接待人数,人工已接待会话量,3分钟人工回复率 (会话),平均响应时长（秒）';
    const file = join(dirname(db), '飞鸽客服数据_2026-10-04.csv');
    writeFileSync(
      file,
      [
        head,
        '星河旗舰店,阿青,星河旗舰店:阿青,10,10,50.00%,40',
        '星河旗舰店,小满,星河旗舰店:小满,30,30,90.00%,20',
        '星河旗舰店,阿青,星河旗舰店:阿青,10,10,80.00%,30',
        '',
      ].join('\n'),
    );
    const first = await importJson([file]);
    expect(first.files[0]!.rows).toMatchObject({
      accepted: 2,
      rejected: 1,
      new: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(first.files[0]!.rejections).toEqual([
      {
        sheet: '飞鸽客服数据_2026-10-04',
        row: 4,
        column: '账号名称',
        value: '星河旗舰店:阿青',
        reason: '与第 2 行的账号和日期重复',
      },
    ]);
    const r = await report();
    // the first row only: 50.00% of 10 sessions = 5/10, never 5/10 + 8/10
    expect(acc(r, '星河旗舰店:阿青').metrics.reply_3min_rate).toMatchObject({
      numerator: 5,
      denominator: 10,
    });
    expect(acc(r, '星河旗舰店:阿青').metrics.avg_response_s).toMatchObject({
      numerator: 400,
      denominator: 10,
    });
    expect(acc(r, '星河旗舰店:小满').metrics.reply_3min_rate).toMatchObject({
      numerator: 27,
      denominator: 30,
    });
    // the same bytes again, forced: both accepted rows match the stored versions
    const again = await importJson([file], ['--force']);
    expect(again.files[0]!.rows).toMatchObject({ accepted: 2, new: 0, updated: 0, unchanged: 2 });
    expect(counts().facts).toBe(2 * 4);
  });

  it('skips the same file again, and --force re-imports it as unchanged', async () => {
    await importJson([douyin('飞鸽客服数据_2026-10-03.xlsx')]);
    const again = await importJson([douyin('飞鸽客服数据_2026-10-03.xlsx')]);
    expect(again.code).toBe(0);
    expect(again.files[0]!.status).toBe('skipped');
    const forced = await importJson([douyin('飞鸽客服数据_2026-10-03.xlsx')], ['--force']);
    expect(forced.files[0]!.rows).toMatchObject({ accepted: 2, new: 0, updated: 0, unchanged: 2 });
    // undoing the first import keeps the data the forced re-import confirmed
    const first = (await cli(['batches', '--db', db, '--json'])).json<{ id: number }[]>().at(-1)!.id;
    expect((await cli(['undo', String(first), '--db', db])).code).toBe(0);
    expect(acc(await report(), '星河旗舰店:阿青').metrics.reply_3min_rate).toMatchObject({
      numerator: 34,
      denominator: 40,
    });
    await cli(['undo', String(forced.files[0]!.batch_id), '--db', db]);
    expect(acc(await report(), '星河旗舰店:阿青')).toBeUndefined();
  });

  it('skips a second identical file in the same run, and a dry run says so too', async () => {
    const file = douyin('飞鸽客服数据_2026-10-03.xlsx');
    const { files } = await importJson([file, file], ['--dry-run']);
    expect(files.map((f) => f.status)).toEqual(['previewed', 'skipped']);
    await importJson([file]);
    const again = await importJson([file], ['--dry-run']);
    expect(again.files[0]).toMatchObject({
      status: 'skipped',
      layout: 'douyin_feige_classic',
      platform: 'douyin',
      shop: '星河旗舰店',
    });
  });

  it('a revised download supersedes the day, keeps history, and undo brings the old value back', async () => {
    await importJson([douyin('飞鸽客服数据_2026-10-03.xlsx')]);
    const rev = await importJson([douyin('飞鸽客服数据_修订_2026-10-03.xlsx')]);
    expect(rev.files[0]!.rows).toMatchObject({ accepted: 2, new: 0, updated: 1, unchanged: 1 });
    expect(acc(await report(), '星河旗舰店:阿青').metrics.reply_3min_rate).toMatchObject({
      numerator: 36,
      denominator: 40,
    });
    const d = openDb(db);
    const history = d
      .prepare(
        "SELECT COUNT(*) AS n FROM facts WHERE field = 'reply_3min_rate_session' AND superseded_by IS NOT NULL",
      )
      .get() as { n: number };
    d.close();
    expect(history.n).toBe(1);
    const undo = await cli(['undo', String(rev.files[0]!.batch_id), '--db', db, '--json']);
    expect(undo.code).toBe(0);
    expect(undo.json()).toMatchObject({ months: ['2026-10'] });
    expect(acc(await report(), '星河旗舰店:阿青').metrics.reply_3min_rate).toMatchObject({
      numerator: 34,
      denominator: 40,
    });
    const batches = await cli(['batches', '--db', db, '--json']);
    expect(batches.json<{ status: string }[]>().map((b) => b.status)).toEqual(['undone', 'active']);
  });

  it('a whole-month fact supersedes the days inside it; undo restores them', async () => {
    await importJson([douyin('飞鸽客服数据_2026-10-03.xlsx'), douyin('飞鸽客服数据_2026-10-04.csv')]);
    const month = await importJson([bad('飞鸽客服数据_无日期.xlsx')], ['--period', '2026-10-01~2026-10-31']);
    expect(month.files[0]).toMatchObject({
      status: 'imported',
      period: { from: '2026-10-01', to: '2026-10-31', source: 'user' },
    });
    expect(acc(await report(), '星河旗舰店:阿青').metrics.reply_3min_rate).toMatchObject({
      numerator: 34,
      denominator: 40,
    });
    await cli(['undo', String(month.files[0]!.batch_id), '--db', db]);
    expect(acc(await report(), '星河旗舰店:阿青').metrics.reply_3min_rate).toMatchObject({
      numerator: 39,
      denominator: 50,
    });
  });

  it('reports a partly overlapping period as a conflict and never counts a day twice', async () => {
    await importJson([bad('飞鸽客服数据_无日期.xlsx')], ['--period', '2026-10-12~2026-10-18']);
    const day = await importJson([bad('飞鸽客服数据_无日期.xlsx')], ['--date', '2026-10-14', '--force']);
    expect(day.files[0]!.conflicts).toHaveLength(1);
    expect(day.files[0]!.conflicts[0]).toMatchObject({
      account: '星河旗舰店:阿青',
      existing: { from: '2026-10-12', to: '2026-10-18' },
      incoming: { from: '2026-10-14', to: '2026-10-14' },
    });
    expect(day.files[0]!.conflicts[0]!.message).toContain('期间重叠');
    expect(acc(await report(), '星河旗舰店:阿青').metrics.reply_3min_rate).toMatchObject({
      numerator: 34,
      denominator: 40,
    });
  });

  it('notes facts crossing a month boundary as stored but not counted', async () => {
    await importJson([bad('飞鸽客服数据_无日期.xlsx')], ['--period', '2026-10-28~2026-11-03']);
    const r = await report();
    expect(acc(r, '星河旗舰店:阿青').metrics.reply_3min_rate!.value).toBeNull();
    expect(r.notices).toEqual([
      expect.objectContaining({
        kind: 'cross_month',
        account: '星河旗舰店:阿青',
        from: '2026-10-28',
        to: '2026-11-03',
      }),
    ]);
  });

  it('--dry-run previews exact counts and writes nothing', async () => {
    const { code, files } = await importJson([douyin('飞鸽客服数据_2026-10-03.xlsx')], ['--dry-run']);
    expect(code).toBe(0);
    expect(files[0]).toMatchObject({ status: 'previewed', batch_id: null, rows: { accepted: 2, new: 2 } });
    expect(counts()).toEqual({ batches: 0, facts: 0 });
  });

  it('--strict fails the whole file on one bad row (exit 2) and changes nothing', async () => {
    await importJson([douyin('飞鸽客服数据_2026-10-04.csv')]);
    const before = counts();
    const { code, files } = await importJson([bad('飞鸽客服数据_坏行_2026-10-03.xlsx')], ['--strict']);
    expect(code).toBe(2);
    expect(files[0]!.status).toBe('failed');
    expect(files[0]!.message).toContain('第 3 行');
    expect(files[0]!.rejections[0]).toMatchObject({
      row: 3,
      column: '3分钟人工回复率 (会话)',
      value: '很高',
    });
    expect(counts()).toEqual(before);
  });

  it('fails an unknown layout, a corrupt file and a file without any date with exit 2, in Chinese, changing nothing', async () => {
    await importJson([douyin('飞鸽客服数据_2026-10-04.csv')]);
    const before = counts();
    const unknown = await importJson([bad('未知格式.xlsx')]);
    expect(unknown.code).toBe(2);
    expect(unknown.files[0]!.message).toContain('格式无法识别');
    const corrupt = await importJson([bad('损坏文件_2026-10-03.xlsx')]);
    expect(corrupt.code).toBe(2);
    expect(corrupt.files[0]!.message).toContain('无法读取');
    const noDate = await importJson([bad('飞鸽客服数据_无日期.xlsx')]);
    expect(noDate.code).toBe(2);
    expect(noDate.files[0]!.message).toContain('--date');
    expect(counts()).toEqual(before);
    const missing = await importJson(['/nonexistent/x.xlsx']);
    expect(missing.code).toBe(2);
  });

  it('exits 1 on usage errors and 3 on a database made by a newer version', async () => {
    expect((await cli(['report', '--db', db])).code).toBe(1);
    expect((await cli(['frobnicate', '--db', db])).code).toBe(1);
    expect((await cli(['import', 'x.xlsx', '--date', '2026-13-01', '--db', db])).code).toBe(1);
    const raw = new Database(db);
    raw.pragma('user_version = 999');
    raw.close();
    const r = await cli(['report', '--month', '2026-10', '--db', db]);
    expect(r.code).toBe(3);
    expect(r.err).toContain('请升级');
  });

  it('attributes accounts to rostered agents per day, with per-platform metrics and count totals', async () => {
    await importJson([douyin('飞鸽客服数据_2026-10-03.xlsx'), douyin('飞鸽客服数据_2026-10-04.csv')]);
    const d = openDb(db);
    const aq = (
      d.prepare("SELECT id FROM accounts WHERE account = '星河旗舰店:阿青'").get() as { id: number }
    ).id;
    const xm = (
      d.prepare("SELECT id FROM accounts WHERE account = '星河旗舰店:小满'").get() as { id: number }
    ).id;
    d.prepare(
      "INSERT INTO agents (id, name, team) VALUES (1, '李青', '一组'), (2, '王满', '一组'), (3, '赵六', '二组')",
    ).run();
    // 小满's account changes hands on 10-04: the 10-03 row is 王满's, the 10-04 row 赵六's
    d.prepare(
      'INSERT INTO agent_accounts (agent_id, account_id, valid_from, valid_to) VALUES (1, ?, NULL, NULL), (2, ?, NULL, ?), (3, ?, ?, NULL)',
    ).run(aq, xm, '2026-10-03', xm, '2026-10-04');
    d.close();
    await cli(['recalc', '--db', db]);
    const r = await report();
    const li = r.agents.find((a) => a.agent === '李青')!;
    expect(li).toMatchObject({ agent_id: 1, team: '一组' });
    expect(li.platforms[0]!.platform).toBe('douyin');
    expect(li.platforms[0]!.metrics.reply_3min_rate).toMatchObject({ numerator: 39, denominator: 50 });
    expect(li.total.sessions!.value).toBe(50);
    expect(li.total.sales_amount!.value).toBe(1534.5);
    expect(r.agents.find((a) => a.agent === '王满')!.platforms[0]!.metrics.reply_3min_rate).toMatchObject({
      numerator: 15,
      denominator: 25,
    });
    expect(r.agents.find((a) => a.agent === '赵六')!.platforms[0]!.metrics.reply_3min_rate).toMatchObject({
      numerator: 27,
      denominator: 30,
    });
    expect(acc(r, '星河旗舰店:阿青')).toMatchObject({ agent_id: 1, agent: '李青' });
    expect(acc(r, '星河旗舰店:小满').agent_id).toBeNull();
  });

  it('backs up and restores the database (integrity and version checked first)', async () => {
    await importJson([douyin('飞鸽客服数据_2026-10-03.xlsx')]);
    const file = db.replace(/test\.db$/, 'backup.db');
    expect((await cli(['backup', file, '--db', db])).code).toBe(0);
    await importJson([douyin('飞鸽客服数据_修订_2026-10-03.xlsx')]);
    expect(acc(await report(), '星河旗舰店:阿青').metrics.reply_3min_rate!.numerator).toBe(36);
    expect((await cli(['restore', file, '--db', db])).code).toBe(0);
    expect(acc(await report(), '星河旗舰店:阿青').metrics.reply_3min_rate!.numerator).toBe(34);
    const notDb = await cli(['restore', douyin('飞鸽客服数据_2026-10-04.csv'), '--db', db]);
    expect(notDb.code).toBe(2);
    expect(notDb.err).toMatch(/备份文件/);
    expect(acc(await report(), '星河旗舰店:阿青').metrics.reply_3min_rate!.numerator).toBe(34);
  });
});
