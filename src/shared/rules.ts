/**
 * Platform rule versions (metrics.md): every parameter has an effective date; overlapping versions: the later
 * `effective_from` wins. These defaults seed a new database; Settings edits them.
 */
import type { Day, Platform } from './domain';
import type { MetricId } from './metrics';
import type { Threshold } from './report';

export interface RuleVersion<V = unknown> {
  platform: Platform;
  key: string;
  value: V;
  effective_from: Day;
  effective_to?: Day | null;
  source: string;
  note?: string;
}

/** A half-open China wall-clock window `[start, end)`, `HH:mm`; `24:00` is the end of the day. */
export interface ServiceWindow {
  start: string;
  end: string;
}

export const BEGINNING: Day = '2000-01-01';

const t = (
  platform: Platform,
  metric: MetricId,
  op: Threshold['op'],
  value: number,
  source: string,
  effective_from = BEGINNING,
): RuleVersion<Threshold> => ({
  platform,
  key: `threshold.${metric}`,
  value: { op, value },
  effective_from,
  source,
});

export const DEFAULT_RULES: RuleVersion[] = [
  // 3-minute manual reply rate
  t('kuaishou', 'reply_3min_rate', '>=', 0.7, 'seed 000 (2021 rule)'),
  t('douyin', 'reply_3min_rate', '>=', 0.8, 'configurable default'),
  t('taobao', 'reply_3min_rate', '>=', 0.8, 'configurable default'),
  t('jd', 'reply_3min_rate', '>=', 0.8, 'configurable default'),
  t('jd', 'first_response_s', '<=', 6, 'seed 003 黄金6秒'),
  ...(['douyin', 'kuaishou', 'jd', 'taobao'] as const).flatMap((p) => [
    t(p, 'avg_response_s', '<=', 30, 'seed 003'),
    t(p, 'reply_30s_rate', '>=', 0.8, 'configurable default'),
    t(p, 'answer_ratio', '>=', 1.3, 'seed 003'),
    t(p, 'reply_rate', '>=', 1, 'configurable default'),
  ]),
  t('jd', 'first_reply_30s_rate', '>=', 0.8, 'configurable default'),
  t('kuaishou', 'good_rate', '>=', 0.8, 'seeds 000, 002'),
  t('jd', 'good_rate', '>=', 0.8, 'configurable default'),
  t('kuaishou', 'bad_attitude_ratio', '<=', 0.06, 'seed 002'),
  t('taobao', 'fcr_3d_rate', '>=', 0.8, 'configurable default'),
  t('douyin', 'exam_warnings', '<=', 0, 'seed 002'),
  t('douyin', 'exam_overdue', '<=', 0, 'seed 002'),
  // service windows (metrics.md §1)
  {
    platform: 'kuaishou',
    key: 'window.service',
    value: { start: '08:00', end: '24:00' },
    effective_from: BEGINNING,
    effective_to: '2023-06-29',
    source: 'seed 000',
  },
  {
    platform: 'kuaishou',
    key: 'window.service',
    value: { start: '08:00', end: '23:00' },
    effective_from: '2023-06-30',
    source: 'seed 000; configurable default (notice date)',
  },
  {
    platform: 'douyin',
    key: 'window.service',
    value: { start: '08:00', end: '23:00' },
    effective_from: BEGINNING,
    source: 'seed 001',
  },
  {
    platform: 'jd',
    key: 'window.service',
    value: { start: '09:00', end: '23:00' },
    effective_from: BEGINNING,
    source: 'JD 2021-12 notice (configurable default)',
  },
  {
    platform: 'taobao',
    key: 'window.reply_3min',
    value: { start: '08:00', end: '24:00' },
    effective_from: BEGINNING,
    source: '千牛 rules (configurable default)',
  },
  {
    platform: 'taobao',
    key: 'window.service',
    value: { start: '08:00', end: '23:00' },
    effective_from: BEGINNING,
    source: '千牛 rules (configurable default)',
  },
  // the rating card window follows the service window change of the 2023-06-30 notice (seed 000)
  {
    platform: 'kuaishou',
    key: 'window.rating',
    value: { start: '08:00', end: '24:00' },
    effective_from: BEGINNING,
    effective_to: '2023-06-29',
    source: 'seed 000',
  },
  {
    platform: 'kuaishou',
    key: 'window.rating',
    value: { start: '08:00', end: '23:00' },
    effective_from: '2023-06-30',
    source: 'seed 000',
  },
  // days after D from which an import of D's data is final (metrics.md §4, §6)
  ...(['douyin', 'kuaishou', 'jd', 'taobao'] as const).map((p): RuleVersion => ({
    platform: p,
    key: 'lag.final_days',
    value: 2,
    effective_from: BEGINNING,
    source: 'seed 004 (T+2)',
  })),
];

/** The version of a rule in force on a day (later effective_from wins), or null. */
export function ruleAt<V>(
  rules: readonly RuleVersion[],
  platform: Platform,
  key: string,
  day: Day,
): V | null {
  let best: RuleVersion | null = null;
  for (const r of rules) {
    if (r.platform !== platform || r.key !== key) continue;
    if (r.effective_from > day) continue;
    if (r.effective_to && r.effective_to < day) continue;
    if (!best || r.effective_from >= best.effective_from) best = r;
  }
  return best ? (best.value as V) : null;
}
