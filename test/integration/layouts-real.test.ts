/**
 * The five layouts public importers of the back-ends read (issue 9 item 2), header rows verbatim, each generated here
 * as a small file and imported through the CLI; expected values are computed by hand in the comments.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as XLSX from 'xlsx';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/shared/imports';
import type { MonthReport } from '../../src/shared/report';
import { cli, tempDb } from './helpers';

let db: string;
let dir: string;
beforeEach(() => {
  db = tempDb();
  dir = mkdtempSync(join(tmpdir(), 'scoredesk-layouts-'));
});

function book(name: string, sheet: string, rows: unknown[][], bookType: 'xlsx' | 'xls' = 'xlsx'): string {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), sheet);
  const path = join(dir, name);
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType }) as Buffer);
  return path;
}

async function imp(files: string[], extra: string[] = []): Promise<FileResult[]> {
  const r = await cli(['import', ...files, '--db', db, '--json', ...extra]);
  return r.json<{ files: FileResult[] }>().files;
}
async function month(): Promise<MonthReport> {
  return (await cli(['report', '--month', '2026-10', '--db', db, '--json'])).json<MonthReport>();
}
const acc = (r: MonthReport, account: string) => {
  const a = r.accounts.find((x) => x.account === account);
  if (!a) throw new Error(`no account ${account} in ${r.accounts.map((x) => x.account).join(', ')}`);
  return a.metrics;
};
function facts(account: string): Record<string, number | null> {
  const d = new Database(db, { readonly: true });
  try {
    const rows = d
      .prepare(
        `SELECT f.field, f.value_n, f.value_d FROM facts f JOIN accounts a ON a.id = f.account_id
          WHERE a.account = ? AND f.superseded_by IS NULL ORDER BY f.id`,
      )
      .all(account) as { field: string; value_n: number | null; value_d: number | null }[];
    return Object.fromEntries(rows.map((r) => [r.field, r.value_n === null ? null : r.value_n / r.value_d!]));
  } finally {
    d.close();
  }
}

const KS_HEAD = [
  '三分钟回复率（人维度）',
  '三分钟回复率（会话）',
  '不服务率',
  '咨询人数',
  '咨询人次',
  '人工会话量',
  '人工平均回复时长',
  '好评率（人维度）',
  '好评率（会话）',
  '差评率（人维度）',
  '差评率（会话）',
  'IM不满意率（人维度）',
  '询单人数',
  '下单人数',
  '支付人数',
  '询单转化率',
  '询单客单价',
  '客服销售额',
];

const DY_HEAD = [
  '客服在线天数',
  '接待会话量',
  '待回复会话量',
  '已接待人数',
  '转出会话量',
  '有效评价数',
  '有效好评数',
  '有效差评数',
  '全天不满意率',
  '全天满意率',
  '全天平响时长',
  '全天首响时长',
  '全天3分钟回复率',
  '询单人数',
  '下单人数',
  '支付人数',
  '退款人数',
  '客服询单支付额',
  '退款金额',
  '退款后销售额',
  '询单转化率',
];

const JD_LINES_HEAD = [
  '咨询时间',
  '下单时间',
  '商品编号',
  '商品名称',
  '客服',
  '客户',
  '所属订单编号',
  '商品单价(?)',
  '购买数量',
  '订单状态',
];

const MOFANG_HEAD = [
  '订单编号',
  '顾客昵称',
  '订单状态',
  '下单时间',
  '付款时间',
  '出库时间',
  '订单金额（元）',
  '客服昵称',
  '开始时间',
  '结束时间',
  '顾客mofangID',
];

describe('layouts seen in real importers', () => {
  it('快手 客服_考核数据: 人维度 feeds the person-based rate over 咨询人数 (approximate), 会话 stored beside', async () => {
    const path = book('客服_考核数据.xlsx', '客服_考核数据', [
      ['日期', '店铺', '客服昵称', ...KS_HEAD],
      // prettier-ignore
      ['2026-10-06', '快乐小店', '小美', '85.00%', '90.00%', '1.00%', 40, 52, 45, '2分30秒', '75.00%', '80.00%',
        '5.00%', '4.00%', '2.00%', 20, 8, 6, '30.00%', '¥100.5', '603'],
      // prettier-ignore
      ['2026-10-06', '快乐小店', '阿杰', '66.67%', '50.00%', '0.00%', 30, 33, 31, '7小时41分52秒', '-', '-',
        '-', '-', '-', 10, 2, 1, '10.00%', '90', '90'],
      // prettier-ignore
      ['2026-10-06', '快乐小店', '店铺汇总值', '77.14%', '72.00%', '0.5%', 70, 85, 76, '11秒', '-', '-', '-', '-',
        '-', 30, 10, 7, '23.33%', '98.57', '693'],
    ]);
    const [f] = await imp([path]);
    expect(f).toMatchObject({
      status: 'imported',
      layout: 'kuaishou_assessment_dims',
      platform: 'kuaishou',
      shop: '快乐小店',
      rows: { read: 2, accepted: 2, rejected: 0 },
    });
    const r = await month();
    const mei = acc(r, '小美');
    // round(40 × 85%) = 34 of 40, approximate (咨询人数 is not the rate's own base); never 90% (会话)
    expect(mei.reply_3min_rate).toMatchObject({ numerator: 34, denominator: 40, approximate: true });
    // good: round(40 × 75%) = 30 of 40, approximate; 2分30秒 = 150 s over 人工会话量 45
    expect(mei.good_rate).toMatchObject({ numerator: 30, denominator: 40, approximate: true });
    expect(mei.avg_response_s).toMatchObject({ value: 150, denominator: 45 });
    expect(mei.conversion_rate).toMatchObject({ numerator: 6, denominator: 20, approximate: false });
    expect(mei.sales_amount!.value).toBe(603);
    expect(mei.sessions!.value).toBe(45);
    const jie = acc(r, '阿杰');
    // round(30 × 66.67%) = round(20.001) = 20; 7小时41分52秒 = 27712 s
    expect(jie.reply_3min_rate).toMatchObject({ numerator: 20, denominator: 30 });
    expect(jie.avg_response_s!.value).toBe(27712);
    expect(jie.good_rate!.value).toBeNull();
    // the 会话 rates are kept beside, as their own facts
    expect(facts('小美')).toMatchObject({ ks_reply_3min_rate_session: 0.9, ks_good_rate_session: 0.8 });
    const shop = r.shops.find((s) => s.platform === 'kuaishou')!.metrics;
    expect(shop.reply_3min_rate).toMatchObject({ numerator: 54, denominator: 70, approximate: true });
  });

  it('抖音 飞鸽_客服表现: 全天 figures are stored as their own fields and never become the assessed rates', async () => {
    const path = book('飞鸽_客服表现_2026-10-07.xlsx', '客服表现', [
      ['客服账号', '客服昵称', ...DY_HEAD],
      // prettier-ignore
      ['星河旗舰店:阿青', '阿青', 1, 50, 2, 45, 3, 20, 17, 1, '5.00%', '85.00%', '30', '12', '60.00%', 10, 5, 4, 1,
        '1,200.00', '100', '1100', '40.00%'],
    ]);
    const [f] = await imp([path]);
    expect(f).toMatchObject({
      layout: 'douyin_feige_performance',
      shop: '星河旗舰店',
      period: { from: '2026-10-07', to: '2026-10-07', source: 'file_name' },
      rows: { accepted: 1 },
    });
    const m = acc(await month(), '星河旗舰店:阿青');
    // the service-window metrics have no source here: not 60%, not 30 s, not 12 s
    expect(m.reply_3min_rate!.value).toBeNull();
    expect(m.avg_response_s!.value).toBeNull();
    expect(m.first_response_s!.value).toBeNull();
    // 有效好评数 17 / 有效评价数 20 (not 全天满意率 85%); 支付人数 4 / 询单人数 10
    expect(m.good_rate).toMatchObject({ numerator: 17, denominator: 20, approximate: false });
    expect(m.conversion_rate).toMatchObject({ numerator: 4, denominator: 10 });
    expect(m.sales_amount!.value).toBe(1200);
    expect(m.sessions!.value).toBe(50);
    expect(m.served_buyers!.value).toBe(45);
    expect(facts('星河旗舰店:阿青')).toMatchObject({
      allday_reply_3min_rate: 0.6,
      allday_avg_response_s: 30,
      allday_first_response_s: 12,
      allday_satisfaction_rate: 0.85,
      sales_after_refund: 1100,
    });
  });

  it('京东 促成订单: Σ 单价 × 数量 per account-day, 取消 not credited, (推算) approximate, versioned by (订单编号, 商品编号)', async () => {
    const line = (
      at: string,
      sku: string,
      agent: string,
      order: string,
      price: unknown,
      qty: unknown,
      status: string,
    ): unknown[] => [at, at, sku, `商品${sku.slice(-2)}`, agent, 'buyer', order, price, qty, status];
    const first = book('客服管家_促成订单.xlsx', '促成订单明细', [
      JD_LINES_HEAD,
      line('2026-10-08 10:30:00', '100012345678', 'jdxc--小李', '300000000001', '59.90', 2, '已完成'),
      line('2026-10-08 10:30:00', '100012345679', 'jdxc--小李', '300000000001', 10, 1, '已完成'),
      line('2026-10-08 15:00:00', '100012345678', 'jdxc--小李(推算)', '300000000002', '59.90', 1, '等待出库'),
      line('2026-10-08 16:00:00', '100012345678', 'jdxc--小李', '300000000003', 200, 1, '已取消'),
      line('2026-10-09 09:00:00', '100012345670', 'jdxc--阿明（推算）', '300000000004', 30, 3, '已完成'),
      // an exact repeat counts once
      line('2026-10-08 10:30:00', '100012345678', 'jdxc--小李', '300000000001', '59.90', 2, '已完成'),
    ]);
    const noShop = await imp([first]);
    expect(noShop[0]).toMatchObject({ status: 'failed', rows: { read: 6, rejected: 6 } });
    expect(noShop[0]!.rejections[0]!.reason).toContain('--shop');
    const [f] = await imp([first], ['--shop', '京东星辰自营']);
    expect(f).toMatchObject({
      status: 'imported',
      layout: 'jd_promoted_orders',
      shop: '京东星辰自营',
      period: { from: '2026-10-08', to: '2026-10-09', source: 'column' },
      rows: { read: 6, accepted: 5, rejected: 0, new: 5 },
      accounts: ['jdxc--小李', 'jdxc--阿明'],
    });
    expect(f!.message).toContain('1 行完全重复');
    let r = await month();
    // 小李 10-08: 59.90 × 2 + 10 × 1 = 129.80 exact + 59.90 推算 = 189.70, approximate; 200 已取消 not credited
    expect(acc(r, 'jdxc--小李').sales_amount).toMatchObject({ value: 189.7, approximate: true });
    // 阿明 10-09: 30 × 3 = 90, all 推算
    expect(acc(r, 'jdxc--阿明').sales_amount).toMatchObject({ value: 90, approximate: true });
    expect(facts('jdxc--小李')).toMatchObject({
      credited_sales: 129.8,
      credited_sales_inferred: 59.9,
      credited_lines: 3,
    });

    // a re-export: order 2 is now cancelled, order 5 is new, order 1's first line is unchanged
    const second = book('客服管家_促成订单_2.xlsx', '促成订单明细', [
      JD_LINES_HEAD,
      line('2026-10-08 10:30:00', '100012345678', 'jdxc--小李', '300000000001', '59.90', 2, '已完成'),
      line('2026-10-08 15:00:00', '100012345678', 'jdxc--小李(推算)', '300000000002', '59.90', 1, '已取消'),
      line('2026-10-08 18:00:00', '100012345671', 'jdxc--小李', '300000000005', 5, 1, '已完成'),
    ]);
    const [g] = await imp([second], ['--shop', '京东星辰自营']);
    expect(g!.rows).toMatchObject({ accepted: 3, new: 1, updated: 1, unchanged: 1 });
    r = await month();
    // 119.80 + 10 (order 1's second line, from the first file) + 5 = 134.80, nothing inferred left → exact
    expect(acc(r, 'jdxc--小李').sales_amount).toMatchObject({ value: 134.8, approximate: false });
    expect(acc(r, 'jdxc--阿明').sales_amount!.value).toBe(90);
    const undo = await cli(['undo', String(g!.batch_id), '--db', db]);
    expect(undo.code).toBe(0);
    expect(acc(await month(), 'jdxc--小李').sales_amount).toMatchObject({ value: 189.7, approximate: true });
  });

  it('京东 魔方 客服销售分析: an old binary .xls named .xlsx, shop from --shop, the period from the file name', async () => {
    const path = book(
      '客服销售分析_2026-10-01_2026-10-31_全部客服.xlsx',
      'Sheet1',
      [
        MOFANG_HEAD,
        // prettier-ignore
        ['280001', 'c1', '已完成', '2026-10-10 12:00:00', '2026-10-10 12:01:00', '2026-10-11 09:00:00', '299.00', '小王',
          '2026-10-10 11:50:00', '2026-10-10 12:05:00', 'm1'],
        // prettier-ignore
        ['280002', 'c2', '已取消', '2026-10-10 13:00:00', '2026-10-10 13:01:00', '', '100', '小王', '', '', 'm2'],
        // prettier-ignore
        ['280003', 'c3', '等待付款', '2026-10-11 13:00:00', '', '', '50', '小王', '', '', 'm3'],
        // prettier-ignore
        ['280004', 'c4', '已完成', '2026-10-12 08:00:00', '2026-10-12 08:00:30', '', '1,000.50', '小王', '', '', 'm4'],
        // prettier-ignore
        ['280005', 'c5', '已完成', '2026-10-12 09:00:00', '2026-10-12 09:10:00', '', '88', '小赵', '', '', 'm5'],
        // prettier-ignore
        ['280006', 'c6', '已完成', '2026-13-40 09:00:00', '2026-10-12 09:10:00', '', '88', '小赵', '', '', 'm6'],
      ],
      'xls',
    );
    const [f] = await imp([path], ['--shop', '京东星辰自营']);
    expect(f).toMatchObject({
      status: 'imported',
      layout: 'jd_mofang_sales',
      platform: 'jd',
      shop: '京东星辰自营',
      period: { from: '2026-10-01', to: '2026-10-31', source: 'file_name' },
      rows: { read: 6, accepted: 5, rejected: 1, new: 5 },
    });
    expect(f!.rejections[0]).toMatchObject({ row: 7, column: '下单时间', value: '2026-13-40 09:00:00' });
    const r = await month();
    // 小王: 299.00 + 1,000.50 = 1299.50; 已取消 and unpaid orders not credited; 小赵 88
    expect(acc(r, '小王').sales_amount).toMatchObject({ value: 1299.5, approximate: false });
    expect(acc(r, '小赵').sales_amount!.value).toBe(88);
    const jd = r.shops.find((s) => s.platform === 'jd')!.metrics;
    expect(jd.sales_amount!.value).toBe(1387.5);
  });

  it('千牛 员工绩效: per sub-account; 延询单 variant approximate, 询单 variant exact, days summed', async () => {
    const head = ['旺旺', '咨询人数', '接待人数', '有效接待人数'];
    const tail = ['首次响应时长', '平均响应时长', '旺旺回复率', '客户满意率'];
    const delayed = book('员工绩效_2026-10-13.xlsx', '员工绩效', [
      [...head, '延询单人数', '延询单转化率', ...tail],
      ['云裳女装旗舰店:小雨', 82, 80, 78, 25, '36.00%', '8', '20', '97.50%', '90.00%'],
      ['店铺汇总值', 82, 80, 78, 25, '36.00%', '8', '20', '97.50%', '90.00%'],
    ]);
    const sameDay = book('员工绩效_2026-10-14.xlsx', '员工绩效', [
      [...head, '询单人数', '询单转化率', ...tail],
      ['云裳女装旗舰店:小雨', 40, 40, 40, 30, '33.33%', '10', '30', '100%', '-'],
    ]);
    const [a, b] = await imp([delayed, sameDay]);
    expect(a).toMatchObject({
      layout: 'taobao_qianniu_performance',
      shop: '云裳女装旗舰店',
      rows: { accepted: 1 },
      period: { from: '2026-10-13', to: '2026-10-13', source: 'file_name' },
    });
    expect(b).toMatchObject({ layout: 'taobao_qianniu_performance', rows: { accepted: 1 } });
    const m = acc(await month(), '云裳女装旗舰店:小雨');
    // round(25 × 36%) = 9 of 25 (延, approximate) + round(30 × 33.33%) = round(9.999) = 10 of 30 → 19/55
    expect(m.conversion_rate).toMatchObject({ numerator: 19, denominator: 55, approximate: true });
    // 旺旺回复率 round(80 × 97.5%) = 78 + 40 → 118/120; 客户满意率 90% × 80 (the second day has none)
    expect(m.reply_rate).toMatchObject({ numerator: 118, denominator: 120 });
    expect(m.good_rate).toMatchObject({ numerator: 72, denominator: 80, approximate: true });
    // first response weighted by 接待人数: (8 × 80 + 10 × 40) / 120
    expect(m.first_response_s!.value).toBeCloseTo(1040 / 120, 10);
    expect(m.served_buyers!.value).toBe(120);
  });
});
