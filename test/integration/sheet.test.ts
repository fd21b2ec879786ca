import { Workbook } from 'exceljs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { openDb, type Db } from '../../src/main/db/open';
import { saveKci, saveScheme } from '../../src/main/kpi/store';
import { lockMonth } from '../../src/main/month';
import { recalcMonths } from '../../src/main/report/report';
import { maskBuyerId } from '../../src/main/sheet/events';
import { buildMonthlySheet, sheetFileName, SHEET_NAMES } from '../../src/main/sheet/monthly-sheet';
import { DEFAULT_SCHEME } from '../../src/shared/kpi/scheme';
import { cli, FIX, NOW_NOV, tempDb } from './helpers';

const MONTH = '2026-10';
const SCHEME = '星河-标准方案';
const FILES = [
  join(FIX, 'roster', '客服花名册.xlsx'),
  join(FIX, 'douyin', '飞鸽客服数据_2026-10-03.xlsx'),
  join(FIX, 'douyin', '飞鸽客服数据_2026-10-04.csv'),
  join(FIX, 'kuaishou', '客服考核数据_2026-10.xlsx'),
];
const FORMULA_NAME = '=1+1 小王';

/** Imports the fixtures through the CLI (as the app would), then adds what no fixture has: KCI and a hostile name. */
async function buildDb(): Promise<{ path: string; db: Db }> {
  const path = tempDb();
  for (const f of FILES) expect((await cli(['import', f, '--db', path], NOW_NOV)).code).toBe(0);
  const db = openDb(path);
  const id = (name: string): number =>
    (db.prepare('SELECT id FROM agents WHERE name = ?').get(name) as { id: number }).id;
  saveKci(db, id('李青'), MONTH, '出勤', 100);
  saveKci(db, id('李青'), MONTH, '质检', 90);
  saveKci(db, id('赵六'), MONTH, '质检', 80);
  // a roster name that is a formula in disguise, and team names starting with the other trigger characters
  const agent = db
    .prepare("INSERT INTO agents (name, team) VALUES (?, '+外包组')")
    .run(FORMULA_NAME).lastInsertRowid;
  const account = db
    .prepare(
      "SELECT a.id FROM accounts a JOIN shops s ON s.id = a.shop_id WHERE s.platform = 'kuaishou' AND a.account = '快乐小店:阿杰'",
    )
    .get() as { id: number };
  db.prepare('INSERT INTO agent_accounts (agent_id, account_id) VALUES (?, ?)').run(agent, account.id);
  db.prepare("UPDATE agents SET team = '@三组' WHERE name = '王满'").run();
  recalcMonths(db, [MONTH], NOW_NOV);
  return { path, db };
}

interface Built {
  name: string;
  bytes: Uint8Array;
  wb: XLSX.WorkBook;
  preview: Awaited<ReturnType<typeof buildMonthlySheet>>['preview'];
}

async function build(db: Db, variant: 'client' | 'payroll', scheme = SCHEME, now = NOW_NOV): Promise<Built> {
  const r = await buildMonthlySheet(db, { month: MONTH, scheme, variant, now });
  return { ...r, wb: XLSX.read(r.bytes, { cellStyles: true }) };
}

const rowsOf = (wb: XLSX.WorkBook, sheet: string): unknown[][] =>
  XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[sheet]!, { header: 1, defval: null });

/** The cell of an agent's row under a header, on 绩效汇总. */
function cellAt(wb: XLSX.WorkBook, agent: string, header: string): XLSX.CellObject | undefined {
  const ws = wb.Sheets['绩效汇总']!;
  const rows = rowsOf(wb, '绩效汇总');
  const col = (rows[0] as string[]).indexOf(header);
  const row = rows.findIndex((r) => r[1] === agent);
  expect(col, header).toBeGreaterThanOrEqual(0);
  expect(row, agent).toBeGreaterThan(0);
  return ws[XLSX.utils.encode_cell({ r: row, c: col })] as XLSX.CellObject | undefined;
}

// SheetJS bundles a zip/CFB reader but types it `any`
interface ZipReader {
  read(data: Uint8Array, opts: { type: 'buffer' }): unknown;
  find(container: unknown, path: string): { content: Uint8Array } | null;
}
const ZIP: ZipReader = XLSX.CFB;

/** One part of the xlsx package as text, for what SheetJS does not parse (the pane's frozen state). */
function rawXml(bytes: Uint8Array, path: string): string {
  const entry = ZIP.find(ZIP.read(bytes, { type: 'buffer' }), `/${path}`);
  expect(entry, path).toBeTruthy();
  return new TextDecoder().decode(entry!.content);
}

const ITEM_HEADERS = [
  '询单转化率',
  '平均响应时长',
  '好评率',
  '服务态度差中差评率',
  '3分钟人工回复率',
].flatMap((h) => [h, `${h}得分`]);
const HEADER_START = [
  '排名',
  '姓名',
  '团队',
  '店铺',
  ...ITEM_HEADERS,
  'KPI得分',
  'KCI得分',
  '扣分',
  '最终得分',
  '等级',
];
/** 薪资版 adds 工号 after 姓名: payroll matches people by it. */
const PAYROLL_START = [...HEADER_START.slice(0, 2), '工号', ...HEADER_START.slice(2)];

describe('monthly sheet (月度绩效表) of the default scheme', () => {
  let db: Db;
  let client: Built;
  let payroll: Built;
  beforeAll(async () => {
    ({ db } = await buildDb());
    client = await build(db, 'client');
    payroll = await build(db, 'payroll');
  });

  it('names the file by scheme, month and variant and has the five sheets in order', () => {
    expect(client.name).toBe('月度绩效表_星河-标准方案_2026-10_客户版.xlsx');
    expect(payroll.name).toBe('月度绩效表_星河-标准方案_2026-10_薪资版.xlsx');
    expect(client.wb.SheetNames).toEqual(['绩效汇总', '指标明细', '服务态度差', '考试预警', '口径说明']);
    expect(payroll.wb.SheetNames).toEqual([...SHEET_NAMES]);
  });

  it('绩效汇总 has one row per scored agent under the scheme header; 客户版 has no pay columns', () => {
    const rows = rowsOf(payroll.wb, '绩效汇总');
    expect(rows[0]).toEqual([...PAYROLL_START, '出勤天数', '客服销售额', '奖金', '备注']);
    // 李青 (抖音 阿青 + 快手 小美), 王满 and 赵六 (小满 handed over on 10-04), and 小王 (快手 阿杰)
    expect(
      rows
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual([FORMULA_NAME, '李青', '王满', '赵六'].sort());
    const crows = rowsOf(client.wb, '绩效汇总');
    expect(crows[0]).toEqual([...HEADER_START, '备注']);
    expect(crows[0]).not.toContain('奖金');
    expect(crows[0]).not.toContain('出勤天数');
    expect(crows[0]).not.toContain('工号');
    // every agent has fewer than 10 worked days in these fixtures: all unranked, ordered by final score
    expect(rows.slice(1).every((r) => r[0] === '不参与排名')).toBe(true);
    const finals = rows.slice(1).map((r) => r[PAYROLL_START.indexOf('最终得分')] as number | null);
    const scored = finals.filter((f): f is number => f !== null);
    expect(scored).toEqual([...scored].sort((a, b) => b - a));
    expect(finals.indexOf(null)).toBe(scored.length);
  });

  it('writes values as numbers with number formats, and no data as an empty cell', () => {
    // 李青 3-minute rate: 抖音 (34 + 5) / 50 and 快手 39 / 50 → pooled 0.78
    const reply = cellAt(payroll.wb, '李青', '3分钟人工回复率')!;
    expect(reply).toMatchObject({ t: 'n', v: 0.78, z: '0.00%', w: '78.00%' });
    expect(cellAt(payroll.wb, '李青', '平均响应时长')).toMatchObject({ t: 'n', v: 31.88, z: '0.0"秒"' });
    expect(cellAt(payroll.wb, '李青', '询单转化率得分')).toMatchObject({ t: 'n', z: '0.00' });
    expect(cellAt(payroll.wb, '李青', '客服销售额')).toMatchObject({ t: 'n', v: 3034.5, z: '#,##0.00' });
    // no bad-attitude data for anyone: empty, never 0 or "—"
    expect(cellAt(payroll.wb, '李青', '服务态度差中差评率')?.v).toBeUndefined();
    expect(cellAt(payroll.wb, '李青', '服务态度差中差评率得分')?.v).toBeUndefined();
    // 王满 has nothing that counts: no KPI, no final, no grade, no bonus
    expect(cellAt(payroll.wb, '王满', '最终得分')?.v).toBeUndefined();
    expect(cellAt(payroll.wb, '王满', '奖金')?.v).toBeUndefined();
  });

  it('marks small samples, KCI 未录入 and failing values with comments', () => {
    // 王满's only day: 询单 10 < 20 inquirers
    const conv = cellAt(payroll.wb, '王满', '询单转化率')!;
    expect(conv).toMatchObject({ t: 'n', v: 0.3 });
    expect(conv.c?.[0]?.t).toBe('样本少（10）');
    const kci = cellAt(payroll.wb, '王满', 'KCI得分')!;
    expect(kci).toMatchObject({ t: 'n', v: 0 });
    expect(kci.c?.[0]?.t).toContain('未录入');
    // 李青 entered both items: 0.5 × 100 + 0.5 × 90 = 95
    expect(cellAt(payroll.wb, '李青', 'KCI得分')).toMatchObject({ v: 95 });
    expect(cellAt(payroll.wb, '李青', 'KCI得分')?.c).toBeUndefined();
    expect(cellAt(payroll.wb, '李青', '3分钟人工回复率')?.c?.[0]?.t).toContain('未达平台考核线');
  });

  it('fills failing values and zero scores red and small samples amber (read back with ExcelJS)', async () => {
    const wb = new Workbook();
    await wb.xlsx.load(payroll.bytes.slice().buffer);
    const ws = wb.getWorksheet('绩效汇总')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const rowOf = (name: string): number => {
      for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(2).value === name) return r;
      throw new Error(name);
    };
    const fill = (name: string, h: string): string | undefined => {
      const f = ws.getRow(rowOf(name)).getCell(header.indexOf(h) + 1).fill;
      return f?.type === 'pattern' ? f.fgColor?.argb : undefined;
    };
    // 0.78 < 抖音 80%; the linear score (0.78 − 0.80) / 0.15 clamps to 0
    expect(fill('李青', '3分钟人工回复率')).toBe('FFFFC7CE');
    expect(fill('李青', '3分钟人工回复率得分')).toBe('FFFFC7CE');
    expect(ws.getRow(rowOf('李青')).getCell(header.indexOf('3分钟人工回复率') + 1).font?.color?.argb).toBe(
      'FF9C0006',
    );
    // 31.88 s > 30 s
    expect(fill('李青', '平均响应时长')).toBe('FFFFC7CE');
    // 93.73 points: not red
    expect(fill('李青', '平均响应时长得分')).toBeUndefined();
    expect(fill('王满', '询单转化率')).toBe('FFFFEB9C');
    expect(fill('王满', 'KCI得分')).toBe('FFFFEB9C');
    const h = ws.getRow(1).getCell(1);
    expect(h.font?.bold).toBe(true);
    expect(h.fill?.type).toBe('pattern');
  });

  it('freezes the header and the first two columns and filters the agent table', () => {
    const xml = rawXml(payroll.bytes, 'xl/worksheets/sheet1.xml');
    expect(xml).toMatch(/<pane xSplit="2" ySplit="1" topLeftCell="C2"[^>]*state="frozen"/);
    const n = rowsOf(payroll.wb, '绩效汇总').length;
    // A..X: 4 + 工号 + 10 item columns + 5 totals + 3 pay columns + 备注 = 24 columns
    expect(payroll.wb.Sheets['绩效汇总']!['!autofilter']).toEqual({ ref: `A1:X${n}` });
    // the client table ends at 备注 (column T); its shop table below stays outside the filter
    expect(client.wb.Sheets['绩效汇总']!['!autofilter']).toEqual({ ref: 'A1:T5' });
    expect(rawXml(payroll.bytes, 'xl/worksheets/sheet2.xml')).toMatch(/<pane [^>]*state="frozen"/);
    const cols = payroll.wb.Sheets['绩效汇总']!['!cols']!;
    // 姓名 fits "=1+1 小王" (5 + 2×2 = 9 units) and 店铺 (after 工号 and 团队) fits "星河旗舰店、快乐小店" (20 units)
    expect(cols[1]!.width).toBeGreaterThanOrEqual(9);
    expect(cols[4]!.width).toBeGreaterThanOrEqual(20);
  });

  it('keeps imported text as text: no cell anywhere is a formula', () => {
    const name = cellAt(payroll.wb, FORMULA_NAME, '姓名')!;
    expect(name).toMatchObject({ t: 's', v: FORMULA_NAME });
    expect(name.f).toBeUndefined();
    expect(cellAt(payroll.wb, FORMULA_NAME, '团队')).toMatchObject({ t: 's', v: '+外包组' });
    expect(cellAt(payroll.wb, '王满', '团队')).toMatchObject({ t: 's', v: '@三组' });
    for (const built of [client, payroll]) {
      for (const sheet of built.wb.SheetNames) {
        const ws = built.wb.Sheets[sheet]!;
        for (const [addr, cell] of Object.entries(ws)) {
          if (addr.startsWith('!')) continue;
          expect((cell as XLSX.CellObject).f, `${sheet}!${addr}`).toBeUndefined();
        }
      }
      expect(rawXml(built.bytes, 'xl/worksheets/sheet1.xml')).not.toContain('<f>');
    }
    // the formula-looking name is scored like anyone else (快手 阿杰: 3-minute rate 27/30)
    expect(cellAt(payroll.wb, FORMULA_NAME, '3分钟人工回复率')).toMatchObject({ t: 'n', v: 0.9 });
  });

  it('薪资版 pays the pro-rated bonus', () => {
    // 李青: KPI 62.23, KCI 95 → 62.2265 × 0.8 + 95 × 0.2 − 3 breaches × 3 = 40.78… + 19 = 59.78 → grade D (coefficient 0)
    // bonus = round2(1000 × 0 × 4/31 + 0.01 × (1234.50 + 300 + 1200 + 300)) = round2(30.345) = 30.35
    expect(cellAt(payroll.wb, '李青', '最终得分')).toMatchObject({ t: 'n', v: 59.78 });
    expect(cellAt(payroll.wb, '李青', '等级')).toMatchObject({ t: 's', v: 'D' });
    expect(cellAt(payroll.wb, '李青', '出勤天数')).toMatchObject({ t: 'n', v: 4, z: '0' });
    expect(cellAt(payroll.wb, '李青', '奖金')).toMatchObject({ t: 'n', v: 30.35, z: '#,##0.00' });
  });

  it('指标明细 lists every scoped account that has an agent, metric by metric', () => {
    const rows = rowsOf(payroll.wb, '指标明细');
    expect(rows[0]).toEqual([
      '客服',
      '平台',
      '店铺',
      '账号',
      '指标',
      '值',
      '分子',
      '分母',
      '考核线',
      '是否达标',
      '状态',
      '来源',
      '备注',
    ]);
    const accounts = new Set(rows.slice(1).map((r) => r[3]));
    expect([...accounts].sort()).toEqual(
      ['快乐小店:小美', '快乐小店:阿杰', '星河旗舰店:小满', '星河旗舰店:阿青'].sort(),
    );
    const r = rows.find((x) => x[3] === '星河旗舰店:阿青' && x[4] === '3分钟人工回复率')!;
    // 10-03 round(85% × 40) = 34, 10-04 round(50% × 10) = 5
    expect(r.slice(0, 13)).toEqual([
      '李青',
      '抖音',
      '星河旗舰店',
      '星河旗舰店:阿青',
      '3分钟人工回复率',
      0.78,
      39,
      50,
      '≥ 80.00%',
      '否',
      '最终',
      '平台导出',
      null,
    ]);
    // 小满 changed hands on 10-04: one block for both owners
    expect(rows.find((x) => x[3] === '星河旗舰店:小满')?.[0]).toBe('王满、赵六');
  });

  it('服务态度差 and 考试预警 say 暂无事件数据; 口径说明 names the scheme, the batches and the lock state', () => {
    for (const sheet of ['服务态度差', '考试预警'])
      expect(rowsOf(client.wb, sheet)[0]?.[0]).toBe('暂无事件数据');
    const text = rowsOf(payroll.wb, '口径说明')
      .flat()
      .filter((x) => typeof x === 'string')
      .join('\n');
    expect(text).toContain(SCHEME);
    expect(text).toContain('全部店铺');
    for (const f of [
      '飞鸽客服数据_2026-10-03.xlsx',
      '飞鸽客服数据_2026-10-04.csv',
      '客服考核数据_2026-10.xlsx',
      '客服花名册.xlsx',
    ])
      expect(text).toContain(f);
    expect(text).toContain('未锁定');
    // made at NOW_NOV, in China time whatever TZ the test runs under
    expect(text).toContain('2026-11-23 09:00:00');
    expect(text).toContain('Σ分子 ÷ Σ分母');
    expect(text).toContain('≥ 80.00%');
    expect(text).toMatch(/[0-9a-f]{64}/);
    expect(text).toContain('暂无事件数据');
    // bonus rules are payroll information
    expect(text).toContain('奖金系数');
    const ctext = rowsOf(client.wb, '口径说明')
      .flat()
      .filter((x) => typeof x === 'string')
      .join('\n');
    expect(ctext).not.toContain('奖金系数');
  });

  it('客户版 adds the shop table below the agents: platform values vs contract targets and thresholds', () => {
    const rows = rowsOf(client.wb, '绩效汇总');
    const at = rows.findIndex((r) => r[0] === '平台' && r[1] === '店铺');
    expect(at).toBeGreaterThan(5);
    expect(rows[at]!.slice(0, 9)).toEqual([
      '平台',
      '店铺',
      '指标',
      '本月值',
      '合同目标',
      '是否达到目标',
      '平台考核线',
      '是否达标',
      '状态',
    ]);
    const reply = rows.slice(at + 1).find((r) => r[1] === '星河旗舰店' && r[2] === '3分钟人工回复率')!;
    // shop = 阿青 39/50 + 小满 (15 + 27)/(25 + 30) → 81/105
    expect(reply[3]).toBeCloseTo(81 / 105, 12);
    expect(reply.slice(4, 9)).toEqual([0.95, '否', 0.8, '否', '最终']);
    const ws = client.wb.Sheets['绩效汇总']!;
    expect(ws[XLSX.utils.encode_cell({ r: at + 1, c: 4 })]).toMatchObject({ t: 'n', z: '"≥ "0.00%' });
  });

  it('the preview carries the same header, display strings and marks', () => {
    const rows = rowsOf(payroll.wb, '绩效汇总');
    expect(payroll.preview.header).toEqual(rows[0]);
    expect(payroll.preview.rows.map((r) => r[1])).toEqual(rows.slice(1).map((r) => r[1]));
    const li = payroll.preview.rows.findIndex((r) => r[1] === '李青');
    const col = payroll.preview.header.indexOf('3分钟人工回复率');
    expect(payroll.preview.rows[li]![col]).toBe('78.00%');
    expect(payroll.preview.rows[li]![payroll.preview.header.indexOf('服务态度差中差评率')]).toBe('');
    expect(payroll.preview.marks).toContainEqual(expect.objectContaining({ row: li, col, kind: 'fail' }));
    const wang = payroll.preview.rows.findIndex((r) => r[1] === '王满');
    expect(payroll.preview.marks).toContainEqual({
      row: wang,
      col: payroll.preview.header.indexOf('询单转化率'),
      kind: 'small_sample',
      note: '样本少（10）',
    });
    expect(client.preview.shop_table?.header[0]).toBe('平台');
    expect(payroll.preview.shop_table).toBeNull();
    expect(payroll.preview).toMatchObject({
      file_name: payroll.name,
      month: MONTH,
      scheme: SCHEME,
      variant: 'payroll',
      locked: false,
    });
    expect(JSON.parse(JSON.stringify(payroll.preview))).toEqual(payroll.preview);
  });

  it('refuses an unknown scheme with a Chinese message', async () => {
    await expect(
      buildMonthlySheet(db, { month: MONTH, scheme: '没有这个方案', variant: 'client', now: NOW_NOV }),
    ).rejects.toThrow('没有名为“没有这个方案”的考核方案');
  });
});

describe('monthly sheet of a scheme scoped to one shop', () => {
  let db: Db;
  let payroll: Built;
  let client: Built;
  beforeAll(async () => {
    ({ db } = await buildDb());
    saveScheme(
      db,
      {
        ...DEFAULT_SCHEME,
        name: '星河-抖音方案',
        scope: { shops: [{ platform: 'douyin', shop: '星河旗舰店' }] },
        min_working_days: 2,
      },
      NOW_NOV,
    );
    payroll = await build(db, 'payroll', '星河-抖音方案');
    client = await build(db, 'client', '星河-抖音方案');
  });

  it('scores only the scope: 李青 is ranked on 抖音 alone with the pro-rated bonus', () => {
    // 抖音 only: conversion 10/25 = 0.40 → 100; avg 31.88 s → (60 − 31.88)/30 = 93.7333; good 0.89848 → band 60;
    // bad attitude: not a 抖音 metric (left out); 3-minute 0.78 → 0.
    // KPI = (30×100 + 20×93.7333 + 20×60 + 15×0) / 85 = 71.4667; before = 71.4667 × 0.8 + 95 × 0.2 = 76.1733;
    // breaches on 抖音: 3-minute rate and average response → 2 × 3 = 6; final = 70.1733 → grade C (coefficient 0.8).
    // worked days in scope: 10-03 and 10-04 = 2 ≥ min_working_days 2 → ranked 1.
    // bonus = round2(1000 × 0.8 × 2/31 + 0.01 × (1234.50 + 300)) = round2(51.6129 + 15.345) = 66.96
    expect(cellAt(payroll.wb, '李青', '排名')).toMatchObject({ t: 'n', v: 1 });
    expect(cellAt(payroll.wb, '李青', 'KPI得分')).toMatchObject({ v: 71.47 });
    // 工号 from the roster, as text
    const no = (
      db.prepare("SELECT employee_no FROM agents WHERE name = '李青'").get() as { employee_no: string | null }
    ).employee_no;
    expect(no).toMatch(/\S/);
    expect(cellAt(payroll.wb, '李青', '工号')).toMatchObject({ t: 's', v: no });
    // negative, as the 客服 screen shows it (−6)
    expect(cellAt(payroll.wb, '李青', '扣分')).toMatchObject({ v: -6 });
    expect(cellAt(payroll.wb, '李青', '最终得分')).toMatchObject({ v: 70.17 });
    expect(cellAt(payroll.wb, '李青', '等级')).toMatchObject({ v: 'C' });
    expect(cellAt(payroll.wb, '李青', '出勤天数')).toMatchObject({ v: 2 });
    expect(cellAt(payroll.wb, '李青', '客服销售额')).toMatchObject({ v: 1534.5 });
    expect(cellAt(payroll.wb, '李青', '奖金')).toMatchObject({ v: 66.96 });
    expect(cellAt(payroll.wb, '李青', '店铺')).toMatchObject({ t: 's', v: '星河旗舰店' });
    // the ranked agent comes first
    expect(rowsOf(payroll.wb, '绩效汇总')[1]?.[1]).toBe('李青');
  });

  it('leaves the other shops out of every sheet', () => {
    const names = rowsOf(payroll.wb, '绩效汇总')
      .slice(1)
      .map((r) => r[1]);
    expect(names).not.toContain(FORMULA_NAME);
    const all = [client, payroll].flatMap((b) =>
      ['绩效汇总', '指标明细'].flatMap((s) => rowsOf(b.wb, s).flat()),
    );
    expect(all.some((x) => typeof x === 'string' && x.includes('快乐小店'))).toBe(false);
    const explain = rowsOf(client.wb, '口径说明')
      .flat()
      .filter((x) => typeof x === 'string')
      .join('\n');
    expect(explain).toContain('抖音·星河旗舰店');
    expect(explain).not.toContain('客服考核数据_2026-10.xlsx');
  });
});

describe('monthly sheet of a locked month', () => {
  it('shows the signed-off numbers, not data that arrived after the lock', async () => {
    const { path, db } = await buildDb();
    const id = (name: string): number =>
      (db.prepare('SELECT id FROM agents WHERE name = ?').get(name) as { id: number }).id;
    // a month cannot be locked while a KCI entry is missing
    for (const name of ['王满', '赵六', FORMULA_NAME])
      for (const item of ['出勤', '质检']) saveKci(db, id(name), MONTH, item, 80);
    lockMonth(db, MONTH, NOW_NOV, '客户已签字');
    // a revised 10-03 export: 阿青 90% instead of 85% → 抖音 (36 + 5)/50; it must not reach the signed-off sheet
    expect(
      (
        await cli(
          ['import', join(FIX, 'douyin', '飞鸽客服数据_修订_2026-10-03.xlsx'), '--db', path],
          NOW_NOV + 3600,
        )
      ).code,
    ).toBe(0);
    const locked = await build(db, 'payroll', SCHEME, NOW_NOV + 7200);
    expect(cellAt(locked.wb, '李青', '3分钟人工回复率')).toMatchObject({ t: 'n', v: 0.78 });
    expect(locked.preview.locked).toBe(true);
    const text = rowsOf(locked.wb, '口径说明')
      .flat()
      .filter((x) => typeof x === 'string')
      .join('\n');
    expect(text).toContain('已锁定（2026-11-23 09:00:00 锁定；客户已签字）');
    expect(text).not.toContain('飞鸽客服数据_修订_2026-10-03.xlsx');
    expect(text).toContain('锁定时的快照');
  });
});

describe('sheet helpers', () => {
  it('masks buyer ids for the client', () => {
    expect(maskBuyerId('tb1234567890')).toBe('tb***90');
    expect(maskBuyerId('小王')).toBe('小***');
    expect(maskBuyerId('')).toBe('');
  });

  it('makes a file name of any scheme name', () => {
    expect(sheetFileName('A/B:C', MONTH, 'client')).toBe('月度绩效表_A_B_C_2026-10_客户版.xlsx');
  });
});
