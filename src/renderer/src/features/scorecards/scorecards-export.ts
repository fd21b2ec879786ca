/** The 客服 table as an xlsx: the rows and metric columns on screen, KPI columns on the 客服 tab. */
import { PLATFORM_ZH, type Platform } from '../../../../shared/domain';
import { METRICS, type MetricId, type MetricKind } from '../../../../shared/metrics';
import type { AgentKpi, MetricSet } from '../../../../shared/report';
import type { CellValue, ExportColumn } from '../../ui/table-xlsx';

export interface ExportRow {
  name: string;
  agent: string | null;
  team: string | null;
  platform: Platform;
  shop: string;
  metrics: MetricSet;
}

/** Excel number format per metric kind: the screen's display (metrics.md §0). */
export const METRIC_XLSX_FORMAT: Record<MetricKind, string> = {
  rate: '0.00%',
  ratio: '0%',
  duration: '0.0"秒"',
  money: '#,##0.00',
  money_per: '#,##0.00',
  hours: '0.0',
  per_hour: '0.00',
  count: '#,##0',
};

export function scorecardsTable<R extends ExportRow>(
  tab: 'agents' | 'accounts' | 'shops',
  rows: readonly R[],
  metrics: readonly MetricId[],
  kpiOf: ((r: R) => AgentKpi | undefined) | null,
): { columns: ExportColumn[]; rows: CellValue[][] } {
  const columns: ExportColumn[] = [];
  const cells: ((r: R) => CellValue)[] = [];
  const add = (title: string, get: (r: R) => CellValue, format?: string): void => {
    columns.push(format ? { title, format } : { title });
    cells.push(get);
  };
  if (kpiOf)
    add('排名', (r) => {
      const k = kpiOf(r);
      return k ? (k.ranked && k.rank !== null ? k.rank : '不参与排名') : null;
    });
  add(tab === 'agents' ? '客服' : tab === 'accounts' ? '账号' : '店铺', (r) => r.name);
  if (tab === 'accounts') add('客服', (r) => r.agent ?? '未绑定');
  if (tab === 'agents') add('团队', (r) => r.team);
  if (kpiOf) {
    add('最终得分', (r) => kpiOf(r)?.final ?? null, '0.00');
    add('等级', (r) => kpiOf(r)?.grade ?? null);
    add('KPI得分', (r) => kpiOf(r)?.kpi_total ?? null, '0.00');
    add('KCI得分', (r) => kpiOf(r)?.kci_total ?? null, '0.00');
    // negative, as on screen (−6) and in the 月度绩效表
    add(
      '扣分',
      (r) => {
        const d = kpiOf(r)?.deductions;
        return d === undefined ? null : d === 0 ? 0 : -d;
      },
      'General',
    );
    add('奖金', (r) => kpiOf(r)?.bonus ?? null, '#,##0.00');
  }
  add('平台', (r) => PLATFORM_ZH[r.platform]);
  if (tab !== 'shops') add('店铺', (r) => r.shop);
  for (const id of metrics)
    add(METRICS[id].zh, (r) => r.metrics[id]?.value ?? null, METRIC_XLSX_FORMAT[METRICS[id].kind]);
  return { columns, rows: rows.map((r) => cells.map((c) => c(r))) };
}
