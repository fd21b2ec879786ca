/**
 * 对账 as an xlsx: each metric of each account from the platform summary and from the events side by side, as numbers
 * with the metric's own format (a rate 0.00%, a duration 0.0秒) in the same column, and the difference as on screen:
 * percentage points for rates, 一致 where the two agree to the shown precision.
 */
import { PLATFORM_ZH } from '../../../../shared/domain';
import type { ReconcileRow } from '../../../../shared/events-view';
import { isMetricId, METRICS, type MetricKind } from '../../../../shared/metrics';
import type { CellValue, ExportColumn } from '../../ui/table-xlsx';
import { METRIC_XLSX_FORMAT } from '../scorecards/scorecards-export';

const INT = '#,##0';

export const RECONCILE_EXPORT_COLUMNS: ExportColumn[] = [
  { title: '平台' },
  { title: '店铺' },
  { title: '账号' },
  { title: '指标' },
  { title: '汇总值' },
  { title: '汇总分子', format: INT },
  { title: '汇总分母', format: INT },
  { title: '明细计算值' },
  { title: '明细分子', format: INT },
  { title: '明细分母', format: INT },
  { title: '差异' },
  { title: '采用' },
];

/** The difference, rounded as the screen shows it (metricDelta), in the unit it is shown in, and its format. */
const DIFF: Record<MetricKind, { scale: number; digits: number; z: string }> = {
  rate: { scale: 100, digits: 2, z: '+0.00"pp";-0.00"pp";"一致"' },
  ratio: { scale: 100, digits: 2, z: '+0.00"pp";-0.00"pp";"一致"' },
  duration: { scale: 1, digits: 1, z: '+0.0"秒";-0.0"秒";"一致"' },
  money: { scale: 1, digits: 2, z: '+#,##0.00;-#,##0.00;"一致"' },
  money_per: { scale: 1, digits: 2, z: '+#,##0.00;-#,##0.00;"一致"' },
  hours: { scale: 1, digits: 1, z: '+0.0"时";-0.0"时";"一致"' },
  per_hour: { scale: 1, digits: 2, z: '+0.00;-0.00;"一致"' },
  count: { scale: 1, digits: 0, z: '+#,##0;-#,##0;"一致"' },
};

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(Math.abs(x) * f + 1e-9) / f;
  // never −0: it would show as "-0.00pp" instead of 一致
  return r === 0 ? 0 : x < 0 ? -r : r;
}

/** 明细计算值 − 汇总值, in the screen's unit (pp for rates), 0 (一致) when equal at the shown precision. */
export function reconcileDiff(r: ReconcileRow): CellValue {
  if (!isMetricId(r.metric) || r.events.value === null || r.summary.value === null) return null;
  const d = DIFF[METRICS[r.metric].kind];
  return { n: round((r.events.value - r.summary.value) * d.scale, d.digits), z: d.z };
}

function value(metric: string, v: number | null): CellValue {
  if (v === null) return null;
  return { n: v, z: isMetricId(metric) ? METRIC_XLSX_FORMAT[METRICS[metric].kind] : 'General' };
}

export function reconcileExportRows(rows: readonly ReconcileRow[]): CellValue[][] {
  return rows.map((r) => [
    PLATFORM_ZH[r.platform],
    r.shop,
    r.account,
    isMetricId(r.metric) ? METRICS[r.metric].zh : r.metric,
    value(r.metric, r.summary.value),
    r.summary.numerator,
    r.summary.denominator,
    value(r.metric, r.events.value),
    r.events.numerator,
    r.events.denominator,
    reconcileDiff(r),
    r.used === 'summary' ? '汇总' : '明细',
  ]);
}
