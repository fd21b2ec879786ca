import { beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { FileResult } from '../../src/shared/imports';
import type { MonthReport } from '../../src/shared/report';
import { cli, FIX, tempDb } from './helpers';

let db: string;
beforeEach(() => {
  db = tempDb();
});

const fx = (...p: string[]): string => join(FIX, ...p);

async function imp(files: string[], extra: string[] = []): Promise<FileResult[]> {
  const r = await cli(['import', ...files, '--db', db, '--json', ...extra]);
  return r.json<{ files: FileResult[] }>().files;
}
async function month(): Promise<MonthReport> {
  return (await cli(['report', '--month', '2026-10', '--db', db, '--json'])).json<MonthReport>();
}
const acc = (r: MonthReport, account: string) => r.accounts.find((a) => a.account === account)!.metrics;

describe('per-agent layouts of the four platforms', () => {
  it('抖音 飞鸽 newer: fraction rates, shop from the account prefix, 合计 row dropped', async () => {
    const [f] = await imp([fx('douyin', '飞鸽客服数据新版_2026-10-08.xlsx')]);
    expect(f).toMatchObject({
      layout: 'douyin_feige_newer',
      shop: '星河旗舰店',
      rows: { accepted: 1, rejected: 0 },
    });
    const m = acc(await month(), '星河旗舰店:阿青');
    // 0.9200 × 50 = 46; 有效好评数 18 / 有效评价数 20; no 支付人数 → no conversion
    expect(m.reply_3min_rate).toMatchObject({ numerator: 46, denominator: 50, approximate: false });
    expect(m.good_rate).toMatchObject({
      numerator: 18,
      denominator: 20,
      approximate: false,
      small_sample: false,
    });
    expect(m.avg_response_s).toMatchObject({ value: 22.4, denominator: 50 });
    expect(m.sales_amount!.value).toBe(880);
    expect(m.sessions!.value).toBe(50);
    expect(m.conversion_rate!.value).toBeNull();
  });

  it('快手 考核数据: person-based 3-minute rate from counts, else from the rate; good rate from levels', async () => {
    const [f] = await imp([fx('kuaishou', '客服考核数据_2026-10.xlsx')]);
    expect(f).toMatchObject({
      layout: 'kuaishou_assessment',
      period: { from: '2026-10-01', to: '2026-10-02', source: 'column' },
    });
    const r = await month();
    // 小美: 10-01 40 − 6 = 34 of 40; 10-02 未回复 '-' → round(10 × 50%) = 5 of 10 → 39/50
    expect(acc(r, '快乐小店:小美').reply_3min_rate).toMatchObject({
      numerator: 39,
      denominator: 50,
      threshold: { op: '>=', value: 0.7 },
      pass: true,
    });
    // good: (16 + 3) / (16+2+2 + 3+1+0) = 19/24, below 80%
    expect(acc(r, '快乐小店:小美').good_rate).toMatchObject({
      numerator: 19,
      denominator: 24,
      pass: false,
      small_sample: false,
    });
    expect(acc(r, '快乐小店:阿杰').good_rate!.value).toBeNull();
    const shop = r.shops.find((s) => s.platform === 'kuaishou')!.metrics;
    // (39 + 27) / (50 + 30); served buyers 80; conversion (5+2+1)/(20+8+10)
    expect(shop.reply_3min_rate).toMatchObject({ numerator: 66, denominator: 80 });
    expect(shop.served_buyers!.value).toBe(80);
    expect(shop.conversion_rate).toMatchObject({ numerator: 8, denominator: 38 });
  });

  it('快手 数据详情: bad-attitude ratio and good rate rebuilt from percentages with exact rounding; the month row wins', async () => {
    const [f] = await imp([fx('kuaishou', '满意度数据_数据详情.xlsx')]);
    expect(f).toMatchObject({
      layout: 'kuaishou_satisfaction_detail',
      period: { from: '2026-10-01', to: '2026-10-31', source: 'column' },
    });
    await imp([fx('kuaishou', '客服考核数据_2026-10.xlsx')]);
    const r = await month();
    // 小美: N = 25; mid = round(25×12%) = 3; low = round(25×8%) = 2; att_mid = round(3×33.33%) = round(0.9999) = 1;
    // att_low = round(2×50%) = 1 → 2/5; good = round(25×80%) = 20 of 25 (the month row, not the days' 19/24)
    expect(acc(r, '快乐小店:小美').bad_attitude_ratio).toMatchObject({
      numerator: 2,
      denominator: 5,
      threshold: { op: '<=', value: 0.06 },
      pass: false,
      small_sample: true,
    });
    expect(acc(r, '快乐小店:小美').good_rate).toMatchObject({ numerator: 20, denominator: 25 });
    // 阿杰: N = 58; mid = round(4.002) = 4; low = round(2.001) = 2; att = 0 + round(1) = 1 → 1/6; good = round(52.0028) = 52
    expect(acc(r, '快乐小店:阿杰').bad_attitude_ratio).toMatchObject({ numerator: 1, denominator: 6 });
    expect(acc(r, '快乐小店:阿杰').good_rate).toMatchObject({ numerator: 52, denominator: 58 });
    const shop = r.shops.find((s) => s.platform === 'kuaishou')!.metrics;
    expect(shop.bad_attitude_ratio).toMatchObject({ numerator: 3, denominator: 11, pass: false });
    // the days still give the 3-minute rate the month row does not have
    expect(shop.reply_3min_rate).toMatchObject({ numerator: 66, denominator: 80 });
  });

  it('京东 数据明细 (sheet 整体数据): the total row with an empty 客服 is dropped; JD sales are approximate', async () => {
    const [f] = await imp([fx('jd', '京东客服管家_数据明细_2026-10-09.xlsx')]);
    expect(f).toMatchObject({ layout: 'jd_detail', shop: '京东星辰自营', rows: { read: 1, accepted: 1 } });
    const m = acc(await month(), '京东星辰自营:小李');
    // round(120 × 98.33%) = round(117.996) = 118; round(120 × 92.50%) = 111
    expect(m.reply_3min_rate).toMatchObject({ numerator: 118, denominator: 120, pass: true });
    expect(m.first_reply_30s_rate).toMatchObject({
      numerator: 111,
      denominator: 120,
      threshold: { op: '>=', value: 0.8 },
      pass: true,
    });
    expect(m.conversion_rate).toMatchObject({ numerator: 15, denominator: 60 });
    expect(m.sales_amount).toMatchObject({ value: 4500.5, approximate: true });
    expect(m.good_rate).toMatchObject({ numerator: 45, denominator: 50, pass: true });
    expect(m.avg_response_s).toMatchObject({ value: 18.5, pass: true });
  });

  it('京东 员工日报: levels without 一般 count it as 0; 答问比 from message counts; a 19-digit UID stays text', async () => {
    const [f] = await imp([fx('jd', '京东员工日报统计.xlsx')]);
    expect(f).toMatchObject({
      layout: 'jd_daily',
      period: { from: '2026-10-10', to: '2026-10-10', source: 'column' },
    });
    const m = acc(await month(), '京东星辰自营:小李');
    // (30 + 10) / (30 + 10 + 0 + 3 + 2) = 40/45; 260/200 = 1.30 meets ≥ 1.30 exactly
    expect(m.good_rate).toMatchObject({ numerator: 40, denominator: 45 });
    expect(m.answer_ratio).toMatchObject({ numerator: 260, denominator: 200, value: 1.3, pass: true });
    const drill = await cli(['report', '--month', '2026-10', '--db', db, '--json']);
    expect(drill.code).toBe(0);
  });

  it('淘宝 咨询接待分析 (HTML saved as .xls, banner, 汇总 row): rates over 接待人数 are approximate', async () => {
    const [f] = await imp([fx('taobao', '咨询接待分析_2026-10-11.xls')]);
    expect(f).toMatchObject({ layout: 'taobao_reception', shop: '云裳女装旗舰店', rows: { accepted: 2 } });
    const r = await month();
    // round(78 × 96.15%) = round(74.997) = 75; 旺旺回复率 round(78 × 97.44%) = 76; 答问比 145% × 78
    expect(acc(r, '云裳女装旗舰店:小雨').reply_3min_rate).toMatchObject({
      numerator: 75,
      denominator: 78,
      approximate: true,
    });
    expect(acc(r, '云裳女装旗舰店:小雨').reply_rate).toMatchObject({
      numerator: 76,
      denominator: 78,
      approximate: true,
    });
    expect(acc(r, '云裳女装旗舰店:小雨').answer_ratio!.value).toBeCloseTo(1.45, 12);
    expect(acc(r, '云裳女装旗舰店:小雨').served_buyers!.value).toBe(78);
    const shop = r.shops.find((s) => s.platform === 'taobao')!.metrics;
    expect(shop.reply_3min_rate).toMatchObject({ numerator: 115, denominator: 118 });
  });

  it('千牛 服务体验: both sheets of one workbook make one row per account', async () => {
    const [f] = await imp([fx('taobao', '千牛服务体验_2026-10-12.xlsx')]);
    expect(f!.layout).toBe('taobao_qianniu_by_agent+taobao_qianniu_capability');
    expect(f!.rows).toMatchObject({ read: 2, accepted: 1, new: 1 });
    const m = acc(await month(), '云裳女装旗舰店:小雨');
    // round(90 × 97.78%) = round(88.002) = 88, exact over 人工接待会话量; good 27/30
    expect(m.reply_3min_rate).toMatchObject({ numerator: 88, denominator: 90, approximate: false });
    expect(m.good_rate).toMatchObject({ numerator: 27, denominator: 30 });
    expect(m.sessions!.value).toBe(90);
  });

  it('生意参谋 接待评价: two-row header below a banner, good rate from the 总 group', async () => {
    const [f] = await imp([fx('taobao', '接待评价_2026-10-13.xlsx')]);
    expect(f).toMatchObject({ layout: 'taobao_sycm_rating', rows: { accepted: 1 } });
    // (20 + 12) / (20 + 12 + 4 + 3 + 1) = 32/40 — the 邀请 group is not mixed in
    expect(acc(await month(), '云裳女装旗舰店:小雨').good_rate).toMatchObject({
      numerator: 32,
      denominator: 40,
    });
  });

  it('赤兔 custom report: the month from the file name, conversion and levels; day rows still give what it lacks', async () => {
    await imp([fx('taobao', '咨询接待分析_2026-10-11.xls')]);
    const [f] = await imp([fx('taobao', '自定义报表_月报_默认_2026-10-01至2026-10-31.xlsx')]);
    expect(f).toMatchObject({
      layout: 'taobao_chitu_report',
      period: { from: '2026-10-01', to: '2026-10-31', source: 'file_name' },
    });
    const m = acc(await month(), '云裳女装旗舰店:阿花');
    expect(m.conversion_rate).toMatchObject({ numerator: 42, denominator: 120 });
    expect(m.good_rate).toMatchObject({ numerator: 90, denominator: 100 });
    // the month row's 接待人数 (300) wins over the day's (40); the day's 3-minute rate keeps its own base
    expect(m.served_buyers!.value).toBe(300);
    expect(m.reply_3min_rate).toMatchObject({ numerator: 40, denominator: 40 });
    expect(m.reply_rate).toMatchObject({ numerator: 297, denominator: 300 });
    expect(m.avg_order_value!.value).toBe(300);
  });

  it('roster: agents own accounts by date range across platforms; bad rows rejected; undo removes the ownership', async () => {
    const [r0] = await imp([fx('roster', '客服花名册.xlsx')]);
    expect(r0).toMatchObject({ layout: 'roster', rows: { read: 5, accepted: 4, rejected: 1, new: 4 } });
    expect(r0!.rejections[0]).toMatchObject({ row: 6, column: '平台', value: '火星' });
    await imp([
      fx('douyin', '飞鸽客服数据_2026-10-03.xlsx'),
      fx('douyin', '飞鸽客服数据_2026-10-04.csv'),
      fx('kuaishou', '客服考核数据_2026-10.xlsx'),
    ]);
    const r = await month();
    const li = r.agents.find((a) => a.agent === '李青')!;
    expect(li.platforms.map((p) => p.platform).sort()).toEqual(['douyin', 'kuaishou']);
    // platform-variant metrics are never combined: douyin 39/50, kuaishou 39/50 separately; sessions total only douyin
    expect(li.platforms.find((p) => p.platform === 'douyin')!.metrics.reply_3min_rate).toMatchObject({
      numerator: 39,
      denominator: 50,
    });
    expect(li.platforms.find((p) => p.platform === 'kuaishou')!.metrics.reply_3min_rate).toMatchObject({
      numerator: 39,
      denominator: 50,
    });
    expect(li.total.sales_amount!.value).toBe(1534.5 + 1500);
    expect(r.agents.find((a) => a.agent === '王满')!.platforms[0]!.metrics.reply_3min_rate).toMatchObject({
      numerator: 15,
      denominator: 25,
    });
    expect(r.agents.find((a) => a.agent === '赵六')!.platforms[0]!.metrics.reply_3min_rate).toMatchObject({
      numerator: 27,
      denominator: 30,
    });
    const again = await imp([fx('roster', '客服花名册.xlsx')], ['--force']);
    expect(again[0]!.rows).toMatchObject({ unchanged: 4, new: 0 });
    await cli(['undo', String(r0!.batch_id), '--db', db]);
    expect((await month()).agents.map((a) => a.agent)).toEqual(['李青', '王满', '赵六']);
    await cli(['undo', String(again[0]!.batch_id), '--db', db]);
    expect((await month()).agents).toEqual([]);
  });
});
