import type { Platform } from './domain';

/** Metric ids are stable: database, CLI JSON, KPI schemes and tests use them (metrics.md §2). */
export const METRIC_IDS = [
  'reply_3min_rate',
  'first_response_s',
  'avg_response_s',
  'first_reply_30s_rate',
  'reply_30s_rate',
  'answer_ratio',
  'reply_rate',
  'good_rate',
  'bad_attitude_ratio',
  'conversion_rate',
  'sales_amount',
  'avg_order_value',
  'served_buyers',
  'sessions',
  'online_hours',
  'sessions_per_hour',
  'fcr_3d_rate',
  'exam_warnings',
  'exam_overdue',
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

export function isMetricId(s: string): s is MetricId {
  return (METRIC_IDS as readonly string[]).includes(s);
}

/** How a value is shown and how a period value is formed. */
export type MetricKind =
  | 'rate' // fraction 0..1, Σnum/Σden
  | 'ratio' // like a rate but may exceed 1 (answer_ratio)
  | 'duration' // seconds, weighted mean
  | 'count' // plain sum
  | 'money' // yuan, plain sum
  | 'hours' // plain sum
  | 'per_hour' // sessions / hours
  | 'money_per'; // yuan per paying buyer

/** The unit a denominator counts, for the small-sample rule (metrics.md §0). */
export type SampleUnit = 'ratings' | 'sessions' | 'buyers' | 'rounds' | 'inquirers' | 'consultations';

export const SMALL_SAMPLE_MIN: Record<SampleUnit, number> = {
  ratings: 20,
  sessions: 30,
  buyers: 30,
  rounds: 50,
  inquirers: 20,
  consultations: 20,
};

export interface MetricDef {
  id: MetricId;
  zh: string;
  kind: MetricKind;
  /** Higher is better ('up') or lower is better ('down'); null for volumes. */
  better: 'up' | 'down' | null;
  /** Platforms on which the metric exists; the report lists exactly these (null when no data). */
  platforms: readonly Platform[];
  /** Summed into an agent's all-platform total (metrics.md §0). */
  total: boolean;
}

const ALL: readonly Platform[] = ['douyin', 'kuaishou', 'jd', 'taobao'];

export const METRICS: Record<MetricId, MetricDef> = {
  reply_3min_rate: {
    id: 'reply_3min_rate',
    zh: '3分钟人工回复率',
    kind: 'rate',
    better: 'up',
    platforms: ALL,
    total: false,
  },
  first_response_s: {
    id: 'first_response_s',
    zh: '首次响应时长',
    kind: 'duration',
    better: 'down',
    platforms: ALL,
    total: false,
  },
  avg_response_s: {
    id: 'avg_response_s',
    zh: '平均响应时长',
    kind: 'duration',
    better: 'down',
    platforms: ALL,
    total: false,
  },
  first_reply_30s_rate: {
    id: 'first_reply_30s_rate',
    zh: '首次30秒应答率',
    kind: 'rate',
    better: 'up',
    platforms: ['jd'],
    total: false,
  },
  reply_30s_rate: {
    id: 'reply_30s_rate',
    zh: '30秒应答率',
    kind: 'rate',
    better: 'up',
    platforms: ALL,
    total: false,
  },
  answer_ratio: {
    id: 'answer_ratio',
    zh: '答问比',
    kind: 'ratio',
    better: 'up',
    platforms: ALL,
    total: false,
  },
  reply_rate: { id: 'reply_rate', zh: '回复率', kind: 'rate', better: 'up', platforms: ALL, total: false },
  good_rate: { id: 'good_rate', zh: '好评率', kind: 'rate', better: 'up', platforms: ALL, total: false },
  bad_attitude_ratio: {
    id: 'bad_attitude_ratio',
    zh: '服务态度差中差评率',
    kind: 'rate',
    better: 'down',
    platforms: ['kuaishou'],
    total: false,
  },
  conversion_rate: {
    id: 'conversion_rate',
    zh: '询单转化率',
    kind: 'rate',
    better: 'up',
    platforms: ALL,
    total: false,
  },
  sales_amount: {
    id: 'sales_amount',
    zh: '客服销售额',
    kind: 'money',
    better: 'up',
    platforms: ALL,
    total: true,
  },
  avg_order_value: {
    id: 'avg_order_value',
    zh: '客单价',
    kind: 'money_per',
    better: 'up',
    platforms: ALL,
    total: false,
  },
  served_buyers: {
    id: 'served_buyers',
    zh: '接待人数',
    kind: 'count',
    better: null,
    platforms: ALL,
    total: true,
  },
  sessions: { id: 'sessions', zh: '接待会话量', kind: 'count', better: null, platforms: ALL, total: true },
  online_hours: {
    id: 'online_hours',
    zh: '在线时长',
    kind: 'hours',
    better: null,
    platforms: ALL,
    total: false,
  },
  sessions_per_hour: {
    id: 'sessions_per_hour',
    zh: '人效（会话/小时）',
    kind: 'per_hour',
    better: 'up',
    platforms: ALL,
    total: false,
  },
  fcr_3d_rate: {
    id: 'fcr_3d_rate',
    zh: '售后3日一次解决率',
    kind: 'rate',
    better: 'up',
    platforms: ['taobao'],
    total: false,
  },
  exam_warnings: {
    id: 'exam_warnings',
    zh: '考试预警次数',
    kind: 'count',
    better: 'down',
    platforms: ['douyin'],
    total: true,
  },
  exam_overdue: {
    id: 'exam_overdue',
    zh: '逾期考试次数',
    kind: 'count',
    better: 'down',
    platforms: ['douyin'],
    total: true,
  },
};

const METRICS_FOR = new Map<Platform, readonly MetricId[]>();

/** The metrics a platform has, in METRIC_IDS order (one shared list per platform: the roll-ups ask per account). */
export function metricsFor(platform: Platform): readonly MetricId[] {
  let list = METRICS_FOR.get(platform);
  if (!list) {
    list = Object.freeze(METRIC_IDS.filter((id) => METRICS[id].platforms.includes(platform)));
    METRICS_FOR.set(platform, list);
  }
  return list;
}

/** Formats a metric value the way the screens and the sheet show it ("—" for no data). */
/**
 * One formatter per style, made once: `toLocaleString` with a locale builds a new Intl.NumberFormat on every call,
 * which was a visible share of drawing the 客服 table (hundreds of cells). Same output, byte for byte.
 */
const MONEY_FORMAT = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const COUNT_FORMAT = new Intl.NumberFormat('en-US');

export function formatMetric(id: MetricId, value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  switch (METRICS[id].kind) {
    case 'rate':
      return `${(value * 100).toFixed(2)}%`;
    case 'ratio':
      return `${(value * 100).toFixed(0)}%`;
    case 'duration':
      return `${value.toFixed(1)}秒`;
    case 'money':
    case 'money_per':
      return `¥${MONEY_FORMAT.format(value)}`;
    case 'hours':
      return `${value.toFixed(1)}时`;
    case 'per_hour':
      return value.toFixed(2);
    case 'count':
      // a count summed from weighted rows can carry decimals; the lead reads whole sessions, with separators
      return COUNT_FORMAT.format(Math.round(value));
  }
}
