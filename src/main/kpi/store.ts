import { isMonth } from '../../shared/china-time';
import type { Month } from '../../shared/domain';
import { schemeForMonth, validateScheme, type Scheme } from '../../shared/kpi/scheme';
import type { Db } from '../db/open';
import { UserError } from '../errors';
import { listMonths, markDirty } from '../report/report';

/** A scheme version from `from` on changes the stored KPI results of every month with data from then on. */
function schemeChanged(db: Db, from: Month | null): void {
  markDirty(
    db,
    listMonths(db).filter((m) => from === null || m >= from),
  );
}

/** Every stored scheme version, oldest first. */
export function listSchemeVersions(db: Db): Scheme[] {
  return (
    db.prepare('SELECT json FROM schemes ORDER BY name, effective_from').all() as { json: string }[]
  ).map((r) => JSON.parse(r.json) as Scheme);
}

/** Scheme names, each with its versions' effective months. */
export function listSchemes(db: Db): { name: string; versions: Month[]; scope: Scheme['scope'] }[] {
  const byName = new Map<string, Scheme[]>();
  for (const s of listSchemeVersions(db)) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
  // versions come oldest first: the scope shown is the latest version's
  return [...byName].map(([name, versions]) => ({
    name,
    versions: versions.map((v) => v.effective_from),
    scope: versions[versions.length - 1]!.scope,
  }));
}

/** The schemes in force in a month: for each name, the version whose effective_from is the latest ≤ the month. */
export function schemesForMonth(db: Db, month: Month): Scheme[] {
  const versions = listSchemeVersions(db);
  return [...new Set(versions.map((v) => v.name))]
    .map((n) => schemeForMonth(versions, n, month))
    .filter((s): s is Scheme => s !== null);
}

/** Validates (Chinese messages) and stores a scheme version; the same name and month is replaced. */
export function saveScheme(db: Db, json: unknown, now: number): Scheme {
  const v = validateScheme(json);
  if (!v.ok)
    throw new UserError(`考核方案无效：${v.errors.join('；')}`, v.errors.join('\n'), 'invalid_scheme');
  const client = v.scheme.scope.client;
  if (client !== undefined && !db.prepare('SELECT 1 FROM clients WHERE name = ?').get(client))
    throw new UserError(
      `考核方案无效：适用客户“${client}”不存在，请先在 设置 → 店铺与客户 中添加该客户`,
      `unknown client ${client}`,
      'invalid_scheme',
    );
  db.prepare(
    `INSERT INTO schemes (name, effective_from, json, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name, effective_from) DO UPDATE SET json = excluded.json, created_at = excluded.created_at`,
  ).run(v.scheme.name, v.scheme.effective_from, JSON.stringify(v.scheme), now);
  schemeChanged(db, v.scheme.effective_from);
  return v.scheme;
}

export function getScheme(db: Db, name: string, month?: Month): Scheme {
  const versions = listSchemeVersions(db).filter((s) => s.name === name);
  if (versions.length === 0) throw new UserError(`没有名为“${name}”的考核方案`);
  const s = month ? schemeForMonth(versions, name, month) : versions[versions.length - 1]!;
  if (!s) throw new UserError(`考核方案“${name}”在 ${month} 还未生效`);
  return s;
}

export function deleteScheme(db: Db, name: string, effectiveFrom?: Month): number {
  const r = effectiveFrom
    ? db.prepare('DELETE FROM schemes WHERE name = ? AND effective_from = ?').run(name, effectiveFrom)
    : db.prepare('DELETE FROM schemes WHERE name = ?').run(name);
  if (r.changes === 0)
    throw new UserError(`没有找到考核方案“${name}”${effectiveFrom ? ` ${effectiveFrom} 版本` : ''}`);
  schemeChanged(db, effectiveFrom ?? null);
  return r.changes;
}

export interface KciRow {
  agent_id: number;
  agent: string;
  month: Month;
  item: string;
  value: number | null;
}

export function listKci(db: Db, month: Month): KciRow[] {
  return db
    .prepare(
      'SELECT k.agent_id, a.name AS agent, k.month, k.item, k.value FROM kci_entries k JOIN agents a ON a.id = k.agent_id WHERE k.month = ? ORDER BY a.name, k.item',
    )
    .all(month) as KciRow[];
}

/** KCI entries of a month by agent, item → value. */
export function kciByAgent(db: Db, month: Month): Map<number, Record<string, number | null>> {
  const out = new Map<number, Record<string, number | null>>();
  for (const r of listKci(db, month))
    out.set(r.agent_id, { ...(out.get(r.agent_id) ?? {}), [r.item]: r.value });
  return out;
}

/** The 满分 of a KCI item in a month: the largest max among the schemes in force that have it (as the grid shows). */
export function kciItemMax(db: Db, month: Month, item: string): number | null {
  let max: number | null = null;
  for (const s of schemesForMonth(db, month))
    for (const k of s.kci_items) if (k.name === item) max = Math.max(max ?? 0, k.max);
  return max;
}

/** Stores one KCI value; a value outside 0…满分 is refused (never clamped), with the bound in the message. */
export function saveKci(db: Db, agentId: number, month: Month, item: string, value: number | null): void {
  if (!isMonth(month)) throw new UserError(`月份格式应为 YYYY-MM：${month}`);
  if (value !== null && (!Number.isFinite(value) || value < 0))
    throw new UserError(`KCI 分数应为不小于 0 的数字：${value}`);
  const max = value === null ? null : kciItemMax(db, month, item.trim());
  if (value !== null && max !== null && value > max)
    throw new UserError(`KCI“${item.trim()}”的分数应在 0–${max} 之间，${value} 超出满分，未保存`);
  if (!db.prepare('SELECT 1 FROM agents WHERE id = ?').get(agentId))
    throw new UserError(`没有找到客服 ${agentId}`);
  db.prepare(
    `INSERT INTO kci_entries (agent_id, month, item, value) VALUES (?, ?, ?, ?)
     ON CONFLICT (agent_id, month, item) DO UPDATE SET value = excluded.value`,
  ).run(agentId, month, item.trim(), value);
  // the month's stored KPI results read KCI: they are recomputed before the next read
  markDirty(db, [month]);
}

/**
 * Rewrites every stored scheme version through `fn` (a client or shop renamed, a shop merged); versions `fn` returns
 * unchanged are left alone. The stored KPI results of every month then are stale. Returns how many versions changed.
 */
export function rewriteSchemes(db: Db, fn: (s: Scheme) => Scheme): number {
  const update = db.prepare('UPDATE schemes SET json = ? WHERE id = ?');
  let changed = 0;
  for (const r of db.prepare('SELECT id, json FROM schemes').all() as { id: number; json: string }[]) {
    const next = JSON.stringify(fn(JSON.parse(r.json) as Scheme));
    if (next === r.json) continue;
    update.run(next, r.id);
    changed++;
  }
  if (changed) schemeChanged(db, null);
  return changed;
}
