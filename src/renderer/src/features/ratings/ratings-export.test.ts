import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { RatingRowView, RatingSummary } from '../../../../shared/events-view';
import { tablesXlsx } from '../../ui/table-xlsx';
import {
  appealsSheet,
  ratingRowsSheet,
  ratingsWorkbook,
  ratiosSheet,
  type RatingsExportInput,
} from './ratings-export';

const MEI = '快乐小店:小美';
const QIANG = '快乐小店:阿强';

function rating(
  over: Partial<RatingRowView> & Pick<RatingRowView, 'key' | 'account' | 'day'>,
): RatingRowView {
  return {
    platform: 'kuaishou',
    shop: '快乐小店',
    buyer: `买家${over.key}`,
    sent_at: `${over.day} 10:58:00`,
    rated_at: `${over.day} 11:00:00`,
    level: '一般',
    class: 'neutral',
    reasons: '',
    cites_attitude: false,
    channel: '商户邀请评价',
    robot: false,
    removed: false,
    outside_window: false,
    appeal: null,
    ...over,
  };
}

// five ratings of October: r4 was removed by the platform (and sent outside the window), r5 served by the robot
const r1 = rating({
  key: '1',
  account: MEI,
  day: '2026-10-05',
  reasons: '回复慢；服务态度差',
  cites_attitude: true,
  appeal: 'pending',
});
const r2 = rating({
  key: '2',
  account: MEI,
  day: '2026-10-07',
  level: '失望',
  class: 'dissatisfied',
  reasons: '商品质量',
});
const r3 = rating({
  key: '3',
  account: QIANG,
  day: '2026-10-06',
  level: '失望',
  class: 'dissatisfied',
  reasons: '服务态度差',
  cites_attitude: true,
  appeal: 'failed',
});
const r4 = rating({
  key: '4',
  account: QIANG,
  day: '2026-10-03',
  removed: true,
  outside_window: true,
  appeal: 'success',
});
const r5 = rating({
  key: '5',
  account: '快乐小店:客服助手',
  day: '2026-10-04',
  reasons: '服务态度差',
  cites_attitude: true,
  robot: true,
  sent_at: null,
});
const all = [r1, r2, r3, r4, r5];

function summary(over: Partial<RatingSummary>): RatingSummary {
  return {
    platform: 'kuaishou',
    shop: '快乐小店',
    account: null,
    agent: null,
    good: { satisfied: 0, neutral: 0, dissatisfied: 0, attitude: 0 },
    attitude: { satisfied: 0, neutral: 0, dissatisfied: 0, attitude: 0 },
    good_rate: null,
    bad_attitude_ratio: null,
    recovery: null,
    good_threshold: null,
    attitude_limit: 0.06,
    projection: null,
    trend: [],
    ...over,
  };
}

// the shop counts the robot's rating in its ratio (kuaishou): 一般 r1 r5, 失望 r2 r3; 服务态度差 r1 r5 | r3
const shop = summary({
  attitude: { satisfied: 46, neutral: 2, dissatisfied: 2, attitude: 3 },
  bad_attitude_ratio: { num: 3, den: 4 },
  good_rate: { num: 46, den: 50 },
  good_threshold: 0.8,
  recovery: 0,
  projection: {
    good_rate: null,
    bad_attitude_ratio: { num: 6, den: 8 },
    budget_now: 0,
    budget_projected: 0,
    if_appeals_succeed: { good_rate: null, bad_attitude_ratio: { num: 2, den: 3 } },
  },
});
// 20/25 = 80% against 85%: n = ceil((85·25 − 100·20) / 15) = 9 more satisfied ratings
const mei = summary({
  account: MEI,
  agent: '王芳',
  attitude: { satisfied: 20, neutral: 1, dissatisfied: 1, attitude: 1 },
  bad_attitude_ratio: { num: 1, den: 2 },
  good_rate: { num: 20, den: 25 },
  good_threshold: 0.85,
  recovery: 9,
  projection: {
    good_rate: null,
    bad_attitude_ratio: { num: 2, den: 4 },
    budget_now: 0,
    budget_projected: 0,
    if_appeals_succeed: { good_rate: null, bad_attitude_ratio: { num: 0, den: 1 } },
  },
});
const qiang = summary({
  account: QIANG,
  agent: null,
  attitude: { satisfied: 0, neutral: 0, dissatisfied: 1, attitude: 1 },
  bad_attitude_ratio: { num: 1, den: 1 },
  good_threshold: 0.85,
  reconciliation: { bad_attitude_ratio: '明细 100.00% (1/1)，覆盖 1/3 条评价', good_rate: null },
});

const input: RatingsExportInput = {
  shops: [shop],
  accounts: [mei, qiang],
  allRatings: all,
  rows: all,
  agents: new Map([
    [`kuaishou|快乐小店|${MEI}`, '王芳'],
    [`kuaishou|快乐小店|${QIANG}`, null],
  ]),
  monthOver: false,
};

describe('中差评 export', () => {
  it('writes each shop, then its accounts, with rate, numerator and denominator, the level split and the projection', () => {
    const s = ratiosSheet(input);
    expect(s.columns.map((c) => c.title)).toEqual([
      '平台',
      '店铺',
      '账号',
      '客服',
      '服务态度差中差评率',
      '服务态度差中差评',
      '中差评',
      '红线',
      '是否超红线',
      '一般',
      '一般中服务态度差',
      '失望',
      '失望中服务态度差',
      '好评率',
      '好评',
      '评价',
      '好评率考核线',
      '回到考核线还需满意评价',
      '月末预计',
      '本月还可承受',
      '申诉中',
      '若申诉全部成功',
      '说明',
    ]);
    expect(s.rows).toEqual([
      // prettier-ignore
      ['快手', '快乐小店', '店铺合计', null, 0.75, 3, 4, 0.06, '超过红线', 2, 2, 2, 1,
        0.92, 46, 50, 0.8, 0, 0.75, 0, 1, 2 / 3, null],
      // prettier-ignore
      ['快手', '快乐小店', MEI, '王芳', 0.5, 1, 2, 0.06, '超过红线', 1, 1, 1, 0,
        0.8, 20, 25, 0.85, 9, 0.5, null, 1, 0, null],
      // no good rate, no projection, no pending appeal (r3 failed, r4 succeeded)
      // prettier-ignore
      ['快手', '快乐小店', QIANG, '未绑定', 1, 1, 1, 0.06, '超过红线', 0, 0, 1, 1,
        null, null, null, 0.85, null, null, null, 0, null, '明细 100.00% (1/1)，覆盖 1/3 条评价'],
    ]);
  });

  it('has no projection columns for a finished month', () => {
    const s = ratiosSheet({ ...input, monthOver: true, accounts: [] });
    expect(s.columns.map((c) => c.title)).not.toContain('月末预计');
    expect(s.columns.map((c) => c.title)).not.toContain('本月还可承受');
    expect(s.rows).toEqual([
      // prettier-ignore
      ['快手', '快乐小店', '店铺合计', null, 0.75, 3, 4, 0.06, '超过红线', 2, 2, 2, 1,
        0.92, 46, 50, 0.8, 0, 1, 2 / 3, null],
    ]);
  });

  it('lists the ratings newest first, why one does not count, and nobody for the robot', () => {
    const s = ratingRowsSheet(input);
    expect(s.columns.map((c) => c.title)).toEqual([
      '评价归属日',
      '邀评时间',
      '评价时间',
      '平台',
      '店铺',
      '账号',
      '客服',
      '买家',
      '等级',
      '原因',
      '服务态度差',
      '渠道',
      '是否计入',
      '申诉',
    ]);
    expect(s.rows.map((r) => r[7])).toEqual(['买家2', '买家3', '买家1', '买家5', '买家4']);
    expect(s.rows[2]).toEqual([
      '2026-10-05',
      '2026-10-05 10:58:00',
      '2026-10-05 11:00:00',
      '快手',
      '快乐小店',
      MEI,
      '王芳',
      '买家1',
      '一般',
      '回复慢；服务态度差',
      '是',
      '商户邀请评价',
      '计入',
      '申诉中',
    ]);
    expect(s.rows[3]!.slice(1, 2)).toEqual([null]);
    expect([s.rows[3]![6], s.rows[3]![12]]).toEqual([null, '机器人']);
    expect([s.rows[4]![6], s.rows[4]![9], s.rows[4]![12], s.rows[4]![13]]).toEqual([
      '未绑定',
      null,
      '已剔除、考核时段外',
      '申诉成功',
    ]);
  });

  it('lists the appeals alone, their status first', () => {
    const s = appealsSheet(input);
    expect(s.columns[0]!.title).toBe('申诉状态');
    expect(s.rows.map((r) => [r[0], r[1], r[8]])).toEqual([
      ['申诉失败', '2026-10-06', '买家3'],
      ['申诉中', '2026-10-05', '买家1'],
      ['申诉成功', '2026-10-03', '买家4'],
    ]);
  });

  it('writes a workbook of three sheets with percentages and whole counts as numbers', () => {
    const wb = XLSX.read(tablesXlsx(ratingsWorkbook(input)), { cellStyles: true });
    expect(wb.SheetNames).toEqual(['店铺与账号', '中差评明细', '申诉']);
    const ws = wb.Sheets['店铺与账号']!;
    expect(ws['A1']).toMatchObject({ t: 's', v: '平台' });
    expect(ws['E2']).toMatchObject({ t: 'n', v: 0.75, z: '0.00%', w: '75.00%' });
    expect(ws['F2']).toMatchObject({ t: 'n', v: 3, z: '#,##0', w: '3' });
    expect(ws['H2']).toMatchObject({ t: 'n', v: 0.06, w: '6.00%' });
    expect(ws['V2']).toMatchObject({ t: 'n', w: '66.67%' });
    expect(ws['R3']).toMatchObject({ t: 'n', v: 9, w: '9' });
    // no good rate: an empty cell, never 0%
    expect(ws['N4']).toBeUndefined();
    expect(wb.Sheets['申诉']!['!autofilter']).toEqual({ ref: 'A1:N4' });
  });
});
