/** 总览's traffic lights: which metrics a platform card shows and the light of each value. */
import { type MetricId } from '../../../../shared/metrics';
import type { MetricValue } from '../../../../shared/report';

/** The metrics a lead checks first, in this order; 服务态度差中差评率 exists only on Kuaishou. */
export const KEY_METRICS: MetricId[] = [
  'reply_3min_rate',
  'avg_response_s',
  'good_rate',
  'conversion_rate',
  'bad_attitude_ratio',
  'sales_amount',
  'sessions',
];

export type Light = 'green' | 'red' | 'amber' | 'grey';

/**
 * green: meets the line · red: misses it · amber: has a line but the value is not solid yet (small sample, provisional,
 * to re-import) · grey: no line or no data.
 */
export function lightOf(v: MetricValue | undefined): { light: Light; why: string } {
  if (!v || v.value === null) return { light: 'grey', why: '没有数据' };
  if (!v.threshold || v.pass === null) return { light: 'grey', why: '没有考核线' };
  const unsure: string[] = [];
  if (v.small_sample) unsure.push('样本少');
  if (v.status === 'provisional') unsure.push('暂定数据，平台可能修订');
  if (v.status === 'reimport_needed') unsure.push('需重新导入');
  const verdict = v.pass ? '达标' : '未达标';
  if (unsure.length) return { light: 'amber', why: `${verdict}（${unsure.join('，')}，仅供参考）` };
  return v.pass ? { light: 'green', why: '达标' } : { light: 'red', why: '未达标' };
}
