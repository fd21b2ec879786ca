import { isDay } from '../../shared/china-time';
import type { Day, Platform } from '../../shared/domain';
import { isMetricId, METRICS } from '../../shared/metrics';
import { RULE_KEYS, type RuleRow } from '../../shared/settings';
import type { Db } from '../db/open';
import { UserError } from '../errors';

export function listRules(db: Db): RuleRow[] {
  return (
    db
      .prepare(
        'SELECT id, platform, key, value_json, effective_from, effective_to, source, note FROM rule_versions ORDER BY platform, key, effective_from',
      )
      .all() as (Omit<RuleRow, 'value'> & { value_json: string })[]
  ).map(({ value_json, ...r }) => ({ ...r, value: JSON.parse(value_json) as unknown }));
}

const HHMM = /^([01]\d|2[0-4]):[0-5]\d$/;

/** Checks a rule value for its key, with a Chinese message naming what is wrong. */
export function validateRuleValue(key: string, value: unknown): void {
  if (key.startsWith('threshold.')) {
    const metric = key.slice('threshold.'.length);
    if (!isMetricId(metric)) throw new UserError(`未知指标：${metric}`);
    const v = value as { op?: unknown; value?: unknown };
    if ((v?.op !== '>=' && v?.op !== '<=') || typeof v.value !== 'number' || !Number.isFinite(v.value)) {
      throw new UserError(`${METRICS[metric].zh} 的考核线应为 {op: ">=" 或 "<=", value: 数字}`);
    }
    return;
  }
  const known = RULE_KEYS.find((k) => k.key === key);
  if (!known) throw new UserError(`未知的规则项：${key}`);
  if (known.kind === 'window') {
    const v = value as { start?: unknown; end?: unknown };
    if (
      typeof v?.start !== 'string' ||
      typeof v.end !== 'string' ||
      !HHMM.test(v.start) ||
      !HHMM.test(v.end) ||
      v.start >= v.end
    ) {
      throw new UserError('时段应为 HH:mm 开始与结束（如 08:00 至 23:00，结束晚于开始）');
    }
  } else if (known.kind === 'boolean') {
    if (typeof value !== 'boolean') throw new UserError('应为 是 或 否');
  } else if (known.kind === 'list') {
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
      throw new UserError('应为文字列表');
  } else if (known.kind === 'choice') {
    if (typeof value !== 'string' || !known.choices?.includes(value))
      throw new UserError(`应为 ${known.choices?.join(' 或 ')}`);
  } else if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 31) {
    throw new UserError('天数应为 0–31 的整数');
  }
}

/** Adds or edits a rule version; the later effective_from wins where versions overlap (metrics.md). */
export function saveRule(
  db: Db,
  r: {
    id?: number;
    platform: Platform;
    key: string;
    value: unknown;
    effective_from: Day;
    effective_to?: Day | null;
    note?: string | null;
  },
): number {
  validateRuleValue(r.key, r.value);
  if (!isDay(r.effective_from)) throw new UserError('生效日期无效');
  if (r.effective_to && (!isDay(r.effective_to) || r.effective_to < r.effective_from))
    throw new UserError('失效日期无效或早于生效日期');
  if (r.id) {
    const c = db
      .prepare(
        'UPDATE rule_versions SET platform = ?, key = ?, value_json = ?, effective_from = ?, effective_to = ?, note = ?, source = ? WHERE id = ?',
      )
      .run(
        r.platform,
        r.key,
        JSON.stringify(r.value),
        r.effective_from,
        r.effective_to ?? null,
        r.note ?? null,
        '手工修改',
        r.id,
      );
    if (c.changes === 0) throw new UserError(`没有找到规则 ${r.id}`);
    return r.id;
  }
  return Number(
    db
      .prepare(
        'INSERT INTO rule_versions (platform, key, value_json, effective_from, effective_to, source, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        r.platform,
        r.key,
        JSON.stringify(r.value),
        r.effective_from,
        r.effective_to ?? null,
        '手工添加',
        r.note ?? null,
      ).lastInsertRowid,
  );
}

export function deleteRule(db: Db, id: number): void {
  if (db.prepare('DELETE FROM rule_versions WHERE id = ?').run(id).changes === 0)
    throw new UserError(`没有找到规则 ${id}`);
}
