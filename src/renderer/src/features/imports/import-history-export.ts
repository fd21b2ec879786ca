/** 导入记录 as an xlsx: the columns of the history table, with the batch number that refusals cite. */
import { PLATFORM_ZH } from '../../../../shared/domain';
import type { ImportBatchInfo } from '../../../../shared/imports';
import type { CellValue, ExportColumn } from '../../ui/table-xlsx';
import { formatDateTime } from '../../ui/format';

export const HISTORY_EXPORT_COLUMNS: ExportColumn[] = [
  { title: '批次' },
  { title: '导入时间' },
  { title: '文件' },
  { title: '类型' },
  { title: '平台' },
  { title: '店铺' },
  { title: '统计期间' },
  { title: '期间来源' },
  { title: '有效行数', format: '#,##0' },
  { title: '读取行数', format: '#,##0' },
  { title: '拒绝行数', format: '#,##0' },
  { title: '状态' },
];

export function historyExportRows(rows: readonly ImportBatchInfo[]): CellValue[][] {
  return rows.map((b) => [
    `#${b.id}`,
    formatDateTime(b.imported_at),
    b.file_name,
    b.layout_zh || null,
    b.platform ? PLATFORM_ZH[b.platform] : null,
    b.shop,
    b.period_from
      ? b.period_to && b.period_to !== b.period_from
        ? `${b.period_from}~${b.period_to}`
        : b.period_from
      : null,
    b.period_source === 'file_name'
      ? '来自文件名'
      : b.period_source === 'user'
        ? '手动指定'
        : b.period_source === 'column'
          ? '来自数据列'
          : null,
    b.rows.accepted,
    b.rows.read,
    b.rows.rejected,
    b.status === 'active' ? '有效' : '已撤销',
  ]);
}
