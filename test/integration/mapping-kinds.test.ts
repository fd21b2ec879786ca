/**
 * The column-mapping step for every layout, with values checked against their field's kind (issue 9 item 5): a
 * mapping is saved through the API, remembered per header hash, and used by the CLI.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Backend } from '../../src/main/backend';
import type { MappingTarget, Result } from '../../src/shared/api';
import type { FileResult } from '../../src/shared/imports';
import type { MonthReport } from '../../src/shared/report';
import { cli, NOW_OCT4, tempDb } from './helpers';

let backend: Backend;
let db: string;
let dir: string;
beforeEach(() => {
  db = tempDb();
  dir = mkdtempSync(join(tmpdir(), 'scoredesk-mapping-'));
  backend = new Backend({ dbPath: db, host: 'web', now: () => NOW_OCT4 });
});
afterEach(() => backend.close());

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = (await backend.dispatch(method, input)) as Result<T>;
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.data;
}
async function refused(method: string, input: unknown): Promise<string> {
  const r = await backend.dispatch(method, input);
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.error.message;
}

function book(name: string, rows: unknown[][]): string {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '日报');
  const path = join(dir, name);
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return path;
}
async function imp(file: string, extra: string[] = []): Promise<{ code: number; f: FileResult }> {
  const r = await cli(['import', file, '--db', db, '--json', ...extra]);
  return { code: r.code, f: r.json<{ files: FileResult[] }>().files[0]! };
}
function digest(): string {
  const d = new Database(db, { readonly: true });
  try {
    const rows = d.prepare('SELECT * FROM facts ORDER BY id').all();
    const batches = d.prepare('SELECT id, status FROM import_batches ORDER BY id').all();
    return createHash('sha256')
      .update(JSON.stringify([rows, batches]))
      .digest('hex');
  } finally {
    d.close();
  }
}

const ROWS = [
  ['店铺', '账号', '会话数', '3分钟回复数'],
  ['星河旗舰店', '星河旗舰店:阿青', 80, 76],
  ['星河旗舰店', '星河旗舰店:小满', 20, 19],
];

describe('mapping targets and kinds', () => {
  it('offers every layout: 京东, 淘宝, 订单, 促成订单 and the roster, with rate numerators', async () => {
    const targets = await call<MappingTarget[]>('mapping:targets', {});
    const ids = targets.map((t) => t.id);
    for (const id of [
      'jd_detail',
      'jd_promoted_orders',
      'jd_mofang_sales',
      'taobao_reception',
      'taobao_qianniu_performance',
      'events_orders',
      'roster',
    ])
      expect(ids).toContain(id);
    // templates and the roster belong to no platform
    expect(targets.find((t) => t.id === 'events_orders')!.platform).toBe('');
    expect(
      targets
        .find((t) => t.id === 'roster')!
        .fields.filter((f) => f.required)
        .map((f) => f.label),
    ).toEqual(['姓名', '平台', '客服账号']);
    const rate = targets
      .find((t) => t.id === 'douyin_feige_classic')!
      .fields.find((f) => f.field === 'reply_3min_rate_session')!;
    expect(rate).toMatchObject({
      kind: 'rate',
      required: true,
      numerator: { field: 'reply_3min_sessions', label: '3分钟人工回复会话数' },
    });
  });

  it('a count mapped onto a rate is refused naming the column; "holds a count" maps it onto the numerator: 76/80 = 95%', async () => {
    const file = book('外包回复_2026-10-05.xlsx', ROWS);
    const first = await imp(file);
    expect(first.code).toBe(2);
    const hash = first.f.mapping!.hash;
    const before = digest();
    await call('mapping:save', {
      hash,
      base_layout: 'douyin_feige_classic',
      name: '外包回复',
      columns: {
        店铺: 'shop',
        账号: 'account',
        会话数: 'manual_sessions',
        '3分钟回复数': 'reply_3min_rate_session',
      },
    });
    const wrong = await imp(file);
    expect(wrong.code).toBe(2);
    expect(wrong.f.status).toBe('failed');
    expect(wrong.f.message).toContain('列“3分钟回复数”对应到比率字段“3分钟人工回复率(会话)”');
    expect(wrong.f.message).toContain('如 76');
    expect(wrong.f.message).toContain('“3分钟人工回复会话数”');
    expect(digest()).toBe(before);

    // the lead says the column holds a count: the UI maps it onto the numerator field
    await call('mapping:save', {
      hash,
      base_layout: 'douyin_feige_classic',
      name: '外包回复',
      columns: {
        店铺: 'shop',
        账号: 'account',
        会话数: 'manual_sessions',
        '3分钟回复数': 'reply_3min_sessions',
      },
    });
    const right = await imp(file);
    expect(right.code).toBe(0);
    expect(right.f).toMatchObject({
      status: 'imported',
      layout: 'douyin_feige_classic',
      rows: { accepted: 2 },
    });
    const r = (await cli(['report', '--month', '2026-10', '--db', db, '--json'])).json<MonthReport>();
    const a = r.accounts.find((x) => x.account === '星河旗舰店:阿青')!.metrics;
    // 76 of 80 = 95%, exact (not 76% × 80 = 61)
    expect(a.reply_3min_rate).toMatchObject({
      numerator: 76,
      denominator: 80,
      value: 0.95,
      approximate: false,
    });
    const shop = r.shops.find((s) => s.platform === 'douyin')!.metrics;
    expect(shop.reply_3min_rate).toMatchObject({ numerator: 95, denominator: 100 });
  });

  it('a count above its base is still refused per row through the mapping', async () => {
    const file = book('外包回复_2026-10-06.xlsx', [
      ...ROWS.slice(0, 2),
      ['星河旗舰店', '星河旗舰店:小满', 20, 21],
    ]);
    const hash = (await imp(file)).f.mapping!.hash;
    await call('mapping:save', {
      hash,
      base_layout: 'douyin_feige_classic',
      name: '外包回复',
      columns: {
        店铺: 'shop',
        账号: 'account',
        会话数: 'manual_sessions',
        '3分钟回复数': 'reply_3min_sessions',
      },
    });
    const { f } = await imp(file);
    expect(f.rows).toMatchObject({ accepted: 1, rejected: 1 });
    expect(f.rejections[0]).toMatchObject({ row: 3, column: '3分钟回复数', value: '21' });
    expect(f.rejections[0]!.reason).toContain('大于“会话数”（20）');
  });

  it('"holds percentages" reads 95 as 95%; percent on a non-rate field is refused at save', async () => {
    const file = book('外包百分_2026-10-05.xlsx', [
      ['店铺', '账号', '会话数', '三分钟率'],
      ['星河旗舰店', '星河旗舰店:阿青', 80, 95],
    ]);
    const hash = (await imp(file)).f.mapping!.hash;
    expect(
      await refused('mapping:save', {
        hash,
        base_layout: 'douyin_feige_classic',
        name: '外包百分',
        columns: {
          店铺: 'shop',
          账号: 'account',
          会话数: 'manual_sessions:percent',
          三分钟率: 'reply_3min_rate_session',
        },
      }),
    ).toContain('“人工已接待会话量”不是比率');
    await call('mapping:save', {
      hash,
      base_layout: 'douyin_feige_classic',
      name: '外包百分',
      columns: {
        店铺: 'shop',
        账号: 'account',
        会话数: 'manual_sessions',
        三分钟率: 'reply_3min_rate_session:percent',
      },
    });
    expect((await imp(file)).code).toBe(0);
    const r = (await cli(['report', '--month', '2026-10', '--db', db, '--json'])).json<MonthReport>();
    expect(r.accounts[0]!.metrics.reply_3min_rate).toMatchObject({ numerator: 76, denominator: 80 });
  });

  it('a roster and a 促成订单 export with their own headers import through saved mappings', async () => {
    const roster = book('外包花名册.xlsx', [
      ['员工', '渠道', '子账号', '所在店铺'],
      ['李青', '京东', 'jdxc--小李', '京东星辰自营'],
    ]);
    const r0 = await imp(roster);
    expect(r0.code).toBe(2);
    await call('mapping:save', {
      hash: r0.f.mapping!.hash,
      base_layout: 'roster',
      name: '外包花名册',
      columns: { 员工: 'name', 渠道: 'platform', 子账号: 'account', 所在店铺: 'shop' },
    });
    expect((await imp(roster)).f).toMatchObject({ status: 'imported', layout: 'roster', rows: { new: 1 } });

    const orders = book('促成_2026-10-08.xlsx', [
      ['订单', '商品', '下单', '接待', '单价', '件数', '状态'],
      ['300000000001', '100012345678', '2026-10-08 10:30:00', 'jdxc--小李', '59.90', 2, '已完成'],
      ['300000000002', '100012345678', '2026-10-08 11:30:00', 'jdxc--小李', '20', 1, '已取消'],
    ]);
    const o0 = await imp(orders, ['--shop', '京东星辰自营']);
    await call('mapping:save', {
      hash: o0.f.mapping!.hash,
      base_layout: 'jd_promoted_orders',
      name: '促成',
      columns: {
        订单: 'order_id',
        商品: 'sku',
        下单: 'ordered_at',
        接待: 'account',
        单价: 'unit_price',
        件数: 'quantity',
        状态: 'status',
      },
    });
    const o1 = await imp(orders, ['--shop', '京东星辰自营']);
    expect(o1.f).toMatchObject({ status: 'imported', layout: 'jd_promoted_orders', rows: { new: 2 } });
    const r = (await cli(['report', '--month', '2026-10', '--db', db, '--json'])).json<MonthReport>();
    const li = r.agents.find((a) => a.agent === '李青')!;
    // 59.90 × 2; the cancelled line is not credited
    expect(li.total.sales_amount!.value).toBe(119.8);
    expect(readFileSync(orders).length).toBeGreaterThan(0);
  });
});
