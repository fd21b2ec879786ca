/** Chinese labels shared by the sheet's tables and its 口径说明. */
import { PLATFORM_ZH, type Platform } from '../../shared/domain';
import type { DeductionKind } from '../../shared/kpi/scheme';
import { isMetricId, type MetricId } from '../../shared/metrics';
import type { MetricStatus, Threshold } from '../../shared/report';
import { ruleNameZh } from '../../shared/rule-names';
import { metricFormat } from './cells';

export const STATUS_ZH: Record<MetricStatus, string> = {
  final: '最终',
  provisional: '暂定',
  reimport_needed: '需重新导入',
};

export const DEDUCTION_ZH: Record<DeductionKind, string> = {
  exam_warning: '考试预警（每次）',
  exam_overdue: '逾期考试（每次）',
  platform_breach: '平台考核线未达标（每个平台每项指标）',
};

export const opSign = (op: Threshold['op']): string => (op === '>=' ? '≥ ' : '≤ ');

/** `≥ 80.00%`, `≤ 30.0秒`: a threshold in the metric's own display unit. */
export function thresholdText(metric: MetricId, t: Threshold): string {
  return `${opSign(t.op)}${metricFormat(metric).show(t.value)}`;
}

export const platformZh = (p: Platform): string => PLATFORM_ZH[p];

/** The rule's plain Chinese name (the shared map the settings screen uses too). */
export function ruleKeyZh(key: string): string {
  return ruleNameZh(key);
}

function isThreshold(v: unknown): v is Threshold {
  return (
    typeof v === 'object' &&
    v !== null &&
    'op' in v &&
    'value' in v &&
    typeof (v as Threshold).value === 'number'
  );
}

function isWindow(v: unknown): v is { start: string; end: string } {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { start?: unknown }).start === 'string' &&
    typeof (v as { end?: unknown }).end === 'string'
  );
}

export function ruleValueText(key: string, value: unknown): string {
  const id = key.startsWith('threshold.') ? key.slice('threshold.'.length) : null;
  if (id !== null && isMetricId(id) && isThreshold(value)) return thresholdText(id, value);
  if (isWindow(value)) return `${value.start}–${value.end}（含起点，不含终点）`;
  if (key === 'lag.final_days' && typeof value === 'number') return `D+${value} 起导入的数据为最终`;
  if (key === 'orders.credit' && (value === 'first' || value === 'last'))
    return value === 'first' ? '首位接待客服' : '最后接待客服';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value))
    return value.length
      ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('、')
      : '（无）';
  return JSON.stringify(value);
}
