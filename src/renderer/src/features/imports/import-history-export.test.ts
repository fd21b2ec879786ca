import { describe, expect, it } from 'vitest';
import type { ImportBatchInfo } from '../../../../shared/imports';
import { HISTORY_EXPORT_COLUMNS, historyExportRows } from './import-history-export';

describe('导入记录 export', () => {
  it('keeps the batch number, the period and the row counts', () => {
    const b: ImportBatchInfo = {
      id: 12,
      file_name: '飞鸽客服数据_2026-10-04.csv',
      sha256: 'x',
      layout: 'douyin_classic',
      layout_zh: '抖音 飞鸽客服数据（经典版）',
      platform: 'douyin',
      shop: '星河旗舰店',
      period_from: '2026-10-04',
      period_to: '2026-10-04',
      period_source: 'file_name',
      rows: { read: 1300, accepted: 1296, rejected: 4, new: 0, updated: 0, unchanged: 0 },
      imported_at: '2026-11-19T18:30:00Z',
      status: 'undone',
    };
    const [row] = historyExportRows([b]);
    expect(row).toHaveLength(HISTORY_EXPORT_COLUMNS.length);
    expect(row).toEqual([
      '#12',
      '2026-11-20 02:30:00',
      '飞鸽客服数据_2026-10-04.csv',
      '抖音 飞鸽客服数据（经典版）',
      '抖音',
      '星河旗舰店',
      '2026-10-04',
      '来自文件名',
      1296,
      1300,
      4,
      '已撤销',
    ]);
  });
});
