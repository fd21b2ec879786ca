/**
 * 平台规则 as a lead reads and types them: which rule keys a platform offers, a version's value in words, which
 * version is in force today, and the modal's form values to and from a stored value. Pure: tested without a screen.
 */
import dayjs, { type Dayjs } from 'dayjs';
import type { Platform } from '../../../../shared/domain';
import { METRIC_IDS, METRICS, isMetricId, type MetricId } from '../../../../shared/metrics';
import type { Threshold } from '../../../../shared/report';
import { RULE_KEYS, type RuleRow } from '../../../../shared/settings';
import { RULE_NAME_ZH, ruleNameZh } from '../../../../shared/rule-names';
import { BEGINNING } from '../../../../shared/rules';
import { formatThreshold } from '../../ui/format';

/** The seed versions start on this date: shown as 一直有效. */
export const SINCE_ALWAYS = BEGINNING;

export type KeyKind = 'threshold' | 'window' | 'days' | 'boolean' | 'list' | 'choice';

export interface KeyInfo {
  key: string;
  zh: string;
  /** null: shown, but not editable here (the server's RULE_KEYS does not offer it) */
  kind: KeyKind | null;
  metric?: MetricId;
  order: number;
}

/**
 * Engine rule keys the editor cannot save yet (they are not in RULE_KEYS), named so the table reads in Chinese; their
 * values are shown by `otherValueText`.
 */
const OTHER_KEYS: Record<string, string> = RULE_NAME_ZH;

export function otherValueText(key: string, value: unknown): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.length ? value.map(String).join('、') : '无';
  if (key === 'orders.credit')
    return value === 'first' ? '首个接待的客服' : value === 'last' ? '最后接待的客服' : String(value);
  if (key.endsWith('_days') && typeof value === 'number')
    return key === 'fcr.final_days' ? `D+${value}` : `${value} 天`;
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  return JSON.stringify(value);
}

export function keyInfo(key: string): KeyInfo {
  const m = /^threshold\.(.+)$/.exec(key);
  if (m?.[1] && isMetricId(m[1])) {
    return { key, zh: METRICS[m[1]].zh, kind: 'threshold', metric: m[1], order: METRIC_IDS.indexOf(m[1]) };
  }
  const i = RULE_KEYS.findIndex((k) => k.key === key);
  if (i >= 0) return { key, zh: RULE_KEYS[i]!.zh, kind: RULE_KEYS[i]!.kind, order: 100 + i };
  const names = Object.keys(OTHER_KEYS);
  return {
    key,
    zh: OTHER_KEYS[key] ?? ruleNameZh(key),
    kind: null,
    order: 1000 + (names.includes(key) ? names.indexOf(key) : names.length),
  };
}

/** Rule keys offered for a platform: a threshold for every graded metric of the platform, and its windows and lag. */
export function keysFor(platform: Platform, existing: RuleRow[]): KeyInfo[] {
  const thresholds = METRIC_IDS.filter(
    (id) => METRICS[id].platforms.includes(platform) && METRICS[id].better !== null,
  ).map((id) => keyInfo(`threshold.${id}`));
  const others = RULE_KEYS.filter(
    (k) =>
      (k.key !== 'window.reply_3min' || platform === 'taobao') &&
      (k.key !== 'window.rating' || platform === 'kuaishou'),
  ).map((k) => keyInfo(k.key));
  const seen = new Set([...thresholds, ...others].map((k) => k.key));
  const extra = existing
    .filter((r) => r.platform === platform && !seen.has(r.key))
    .map((r) => keyInfo(r.key))
    .filter((k) => k.kind !== null);
  return [...thresholds, ...others, ...extra.filter((k, i, a) => a.findIndex((x) => x.key === k.key) === i)];
}

export function isThreshold(v: unknown): v is Threshold {
  const o = v as Partial<Threshold> | null;
  return !!o && typeof o === 'object' && (o.op === '>=' || o.op === '<=') && typeof o.value === 'number';
}

export function isWindow(v: unknown): v is { start: string; end: string } {
  const o = v as { start?: unknown; end?: unknown } | null;
  return !!o && typeof o === 'object' && typeof o.start === 'string' && typeof o.end === 'string';
}

/** A rule value as a lead reads it: `≥ 80.00%`, `08:00–23:00`, `D+2`. */
export function ruleValueText(key: string, value: unknown): string {
  const info = keyInfo(key);
  if (info.kind === 'threshold' && info.metric && isThreshold(value))
    return formatThreshold(info.metric, value);
  if (info.kind === 'window' && isWindow(value)) return `${value.start}–${value.end}`;
  if (
    info.kind === 'days' &&
    typeof value === 'number' &&
    (key === 'lag.final_days' || key === 'fcr.final_days')
  )
    return `D+${value}`;
  return otherValueText(key, value);
}

export type Status = 'current' | 'future' | 'expired' | 'overridden';

/** Which version of each key is in force today: among those covering today, the latest 生效日期. */
export function statuses(rows: RuleRow[], today: string): Map<number, Status> {
  const out = new Map<number, Status>();
  const byKey = new Map<string, RuleRow[]>();
  for (const r of rows)
    byKey.set(`${r.platform}|${r.key}`, [...(byKey.get(`${r.platform}|${r.key}`) ?? []), r]);
  for (const list of byKey.values()) {
    const covering = list.filter(
      (r) => r.effective_from <= today && (r.effective_to === null || r.effective_to >= today),
    );
    const winner = covering.sort(
      (a, b) => b.effective_from.localeCompare(a.effective_from) || b.id - a.id,
    )[0];
    for (const r of list) {
      if (r === winner) out.set(r.id, 'current');
      else if (r.effective_from > today) out.set(r.id, 'future');
      else if (r.effective_to !== null && r.effective_to < today) out.set(r.id, 'expired');
      else out.set(r.id, 'overridden');
    }
  }
  return out;
}

export interface RuleForm {
  key?: string;
  op?: '>=' | '<=';
  amount?: number | null;
  start?: Dayjs | null;
  end?: Dayjs | null;
  endOfDay?: boolean;
  days?: number | null;
  flag?: boolean;
  list?: string[];
  choice?: string;
  effective_from?: Dayjs | null;
  effective_to?: Dayjs | null;
  note?: string;
}

/** The number the lead types, in the unit of the metric: percent for rates, seconds for durations. */
export function unitOf(metric: MetricId): { suffix: string; scale: number; precision: number; max?: number } {
  switch (METRICS[metric].kind) {
    case 'rate':
      return { suffix: '%', scale: 100, precision: 2, max: 100 };
    case 'ratio':
      return { suffix: '%', scale: 100, precision: 0 };
    case 'duration':
      return { suffix: '秒', scale: 1, precision: 1 };
    case 'money':
    case 'money_per':
      return { suffix: '元', scale: 1, precision: 2 };
    case 'hours':
      return { suffix: '小时', scale: 1, precision: 1 };
    case 'count':
      return { suffix: '次', scale: 1, precision: 0 };
    case 'per_hour':
      return { suffix: '个/时', scale: 1, precision: 2 };
  }
}

export function toForm(row: Pick<RuleRow, 'key' | 'value'>): Partial<RuleForm> {
  const info = keyInfo(row.key);
  if (info.kind === 'threshold' && info.metric && isThreshold(row.value)) {
    const u = unitOf(info.metric);
    return { op: row.value.op, amount: Math.round(row.value.value * u.scale * 10000) / 10000 };
  }
  if (info.kind === 'window' && isWindow(row.value)) {
    const endOfDay = row.value.end === '24:00';
    return {
      start: dayjs(`2000-01-01 ${row.value.start}`),
      end: endOfDay ? null : dayjs(`2000-01-01 ${row.value.end}`),
      endOfDay,
    };
  }
  if (info.kind === 'days' && typeof row.value === 'number') return { days: row.value };
  if (info.kind === 'boolean' && typeof row.value === 'boolean') return { flag: row.value };
  if (info.kind === 'list' && Array.isArray(row.value)) return { list: row.value.map(String) };
  if (info.kind === 'choice' && typeof row.value === 'string') return { choice: row.value };
  return {};
}

export function fromForm(info: KeyInfo, v: RuleForm): unknown {
  if (info.kind === 'threshold' && info.metric) {
    const u = unitOf(info.metric);
    const amount = v.amount ?? 0;
    // 75 → 0.75 without float residue: percent inputs have at most two decimals
    const value = u.scale === 100 ? Math.round(amount * 100) / 10000 : amount;
    return { op: v.op ?? '>=', value };
  }
  if (info.kind === 'window') {
    return {
      start: v.start?.format('HH:mm') ?? '',
      end: v.endOfDay ? '24:00' : (v.end?.format('HH:mm') ?? ''),
    };
  }
  if (info.kind === 'boolean') return v.flag ?? false;
  if (info.kind === 'list') return v.list ?? [];
  if (info.kind === 'choice') return v.choice ?? '';
  return v.days ?? 0;
}
