import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { ReconcileRow } from '../../../../shared/events-view';
import { tableXlsx } from '../../ui/table-xlsx';
import { RECONCILE_EXPORT_COLUMNS, reconcileExportRows } from './reconcile-export';

const base = { platform: 'douyin', shop: '星河旗舰店', account: '星河旗舰店:阿青', used: 'summary' } as const;
const rows: ReconcileRow[] = [
  // 1,753/2,000 = 87.65% from the chats against 90/100 = 90.00% in the summary: −2.35 percentage points
  {
    ...base,
    metric: 'reply_3min_rate',
    summary: { value: 0.9, numerator: 90, denominator: 100 },
    events: { value: 0.8765, numerator: 1753, denominator: 2000 },
  },
  // 45.3 s against 42.0 s: +3.3 s
  {
    ...base,
    metric: 'avg_response_s',
    summary: { value: 42, numerator: null, denominator: null },
    events: { value: 45.3, numerator: 4530, denominator: 100 },
    used: 'events',
  },
  {
    ...base,
    metric: 'sessions',
    summary: { value: 120, numerator: null, denominator: null },
    events: { value: 120, numerator: null, denominator: null },
  },
  {
    ...base,
    metric: 'good_rate',
    summary: { value: 0.95, numerator: 19, denominator: 20 },
    events: { value: null, numerator: null, denominator: null },
  },
];

describe('对账 export', () => {
  it('puts both sources side by side, each value in its metric’s format, the difference as on screen', () => {
    expect(RECONCILE_EXPORT_COLUMNS.map((c) => c.title)).toEqual([
      '平台',
      '店铺',
      '账号',
      '指标',
      '汇总值',
      '汇总分子',
      '汇总分母',
      '明细计算值',
      '明细分子',
      '明细分母',
      '差异',
      '采用',
    ]);
    const cells = reconcileExportRows(rows);
    expect(cells[0]).toEqual([
      '抖音',
      '星河旗舰店',
      '星河旗舰店:阿青',
      '3分钟人工回复率',
      { n: 0.9, z: '0.00%' },
      90,
      100,
      { n: 0.8765, z: '0.00%' },
      1753,
      2000,
      { n: -2.35, z: '+0.00"pp";-0.00"pp";"一致"' },
      '汇总',
    ]);
    expect(cells[1]!.slice(3)).toEqual([
      '平均响应时长',
      { n: 42, z: '0.0"秒"' },
      null,
      null,
      { n: 45.3, z: '0.0"秒"' },
      4530,
      100,
      { n: 3.3, z: '+0.0"秒";-0.0"秒";"一致"' },
      '明细',
    ]);
    expect(cells[2]![10]).toEqual({ n: 0, z: '+#,##0;-#,##0;"一致"' });
    // one side without a value: no difference
    expect([cells[3]![7], cells[3]![10]]).toEqual([null, null]);
  });

  it('writes numbers Excel shows as the screen does: 87.65%, 45.3秒, −2.35pp, 一致', () => {
    const wb = XLSX.read(tableXlsx('对账 2026-10', RECONCILE_EXPORT_COLUMNS, reconcileExportRows(rows)), {
      cellStyles: true,
    });
    const ws = wb.Sheets[wb.SheetNames[0]!]!;
    expect(ws['H2']).toMatchObject({ t: 'n', v: 0.8765, z: '0.00%', w: '87.65%' });
    expect(ws['I2']).toMatchObject({ t: 'n', v: 1753, w: '1,753' });
    expect(ws['K2']).toMatchObject({ t: 'n', v: -2.35, w: '-2.35pp' });
    expect(ws['E3']).toMatchObject({ t: 'n', v: 42, w: '42.0秒' });
    expect(ws['K3']).toMatchObject({ t: 'n', v: 3.3, w: '+3.3秒' });
    expect(ws['K4']).toMatchObject({ t: 'n', v: 0, w: '一致' });
    expect(ws['K5']).toBeUndefined();
  });
});
