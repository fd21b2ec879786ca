import type { LayoutMapping, MappingTarget } from '../../shared/api';
import type { MappingRequest } from '../../shared/imports';
import type { Db } from '../db/open';
import { UserError } from '../errors';
import { headerHash } from './headers';
import { LAYOUTS, layoutById } from './layouts';
import type { LayoutDef } from './layouts/types';
import type { RawSheet, ReadResult } from './types';
import { isRosterField, ROSTER_FIELDS, ROSTER_LAYOUT } from './roster';
import { cellText, isNullMarker } from './values';

/** The header row of an unknown sheet: the first of the first 15 rows with at least 3 non-empty text cells. */
export function guessHeaderRow(sheet: RawSheet): number | null {
  for (let i = 0; i < Math.min(15, sheet.rows.length); i++) {
    const cells = (sheet.rows[i] ?? []).map((c) => cellText(c)).filter((t) => t && !isNullMarker(t));
    if (cells.length >= 3 && cells.every((t) => !/^[\d.,%:¥-]+$/.test(t))) return i;
  }
  return null;
}

export function mappingRequest(read: ReadResult): MappingRequest | null {
  for (const sheet of read.sheets) {
    const i = guessHeaderRow(sheet);
    if (i === null) continue;
    const headers = (sheet.rows[i] ?? []).map((c) => cellText(c));
    return {
      hash: headerHash(headers),
      sheet: sheet.name,
      header_row: i + 1,
      headers,
      samples: sheet.rows.slice(i + 1, i + 6).map((r) => headers.map((_, c) => cellText(r[c] ?? null))),
    };
  }
  return null;
}

export function listMappings(db: Db): LayoutMapping[] {
  return (
    db
      .prepare('SELECT hash, base_layout, name, columns_json FROM layout_mappings ORDER BY created_at')
      .all() as {
      hash: string;
      base_layout: string;
      name: string;
      columns_json: string;
    }[]
  ).map((r) => ({
    hash: r.hash,
    base_layout: r.base_layout,
    name: r.name,
    columns: JSON.parse(r.columns_json) as Record<string, string>,
  }));
}

/**
 * A mapped column's target: a field, or `field:percent` when the lead said a rate column holds percentages written
 * without `%` (95 meaning 95%). "This column holds a count" is a mapping onto the rate's numerator field instead.
 */
export function splitTarget(value: string): { field: string; percent: boolean } {
  return value.endsWith(PERCENT)
    ? { field: value.slice(0, -PERCENT.length), percent: true }
    : { field: value, percent: false };
}
const PERCENT = ':percent';

/** Validates and stores a mapping: the base layout's required fields must all be mapped, each field once. */
export function saveMapping(db: Db, m: LayoutMapping, now: number): void {
  const targets = mappingTargets();
  const base = targets.find((t) => t.id === m.base_layout);
  if (!base) throw new UserError(`未知的目标格式：${m.base_layout}`);
  const label = (f: string): string => base.fields.find((d) => d.field === f)?.label ?? f;
  const values = Object.values(m.columns).filter(Boolean);
  const fields = values.map((v) => splitTarget(v).field);
  for (const [i, f] of fields.entries()) {
    const def = base.fields.find((d) => d.field === f);
    if (!def) throw new UserError(`目标格式“${base.zh}”没有字段 ${f}`);
    if (splitTarget(values[i]!).percent && def.kind !== 'rate')
      throw new UserError(`字段“${def.label}”不是比率，不能标为百分数`);
  }
  const dup = fields.find((f, i) => fields.indexOf(f) !== i);
  if (dup) throw new UserError(`字段“${label(dup)}”被映射了两次`);
  // a required rate is there when its numerator count is (the lead said the column holds the count)
  const missing = base.fields.filter(
    (f) => f.required && !fields.includes(f.field) && !(f.numerator && fields.includes(f.numerator.field)),
  );
  if (missing.length) throw new UserError(`还需要映射必填字段：${missing.map((f) => f.label).join('、')}`);
  db.prepare(
    `INSERT INTO layout_mappings (hash, base_layout, name, columns_json, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (hash) DO UPDATE SET base_layout = excluded.base_layout, name = excluded.name, columns_json = excluded.columns_json`,
  ).run(m.hash, m.base_layout, m.name, JSON.stringify(m.columns), now);
}

export function deleteMapping(db: Db, hash: string): void {
  db.prepare('DELETE FROM layout_mappings WHERE hash = ?').run(hash);
}

/**
 * Saved mappings as layouts the detector can use: the base layout with each mapped field's aliases replaced by the
 * lead's header. Detection by header content stays the only way in. Roster mappings are read by mappedRosters.
 */
export function mappedLayouts(db: Db): LayoutDef[] {
  return listMappings(db).flatMap((m) => {
    const base = layoutById(m.base_layout);
    if (!base) return [];
    const byField = new Map<string, string>();
    const percent: string[] = [];
    for (const [h, v] of Object.entries(m.columns)) {
      if (!v) continue;
      const t = splitTarget(v);
      byField.set(t.field, h);
      if (t.percent) percent.push(t.field);
    }
    return [
      {
        ...base,
        id: base.id,
        zh: `${base.zh}（映射：${m.name}）`,
        mapped: { name: m.name, percent },
        required: base.required.map((r) => {
          const num = base.fields.find((f) => f.field === r)?.numerator;
          return !byField.has(r) && num && byField.has(num) ? num : r;
        }),
        fields: base.fields
          .filter((f) => byField.has(f.field))
          .map((f) => ({ ...f, aliases: [byField.get(f.field)!] })),
      },
    ];
  });
}

/** Saved roster mappings: roster column → the lead's header. */
export function mappedRosters(db: Db): Partial<Record<string, string>>[] {
  return listMappings(db)
    .filter((m) => m.base_layout === ROSTER_LAYOUT.id)
    .map((m) =>
      Object.fromEntries(
        Object.entries(m.columns)
          .filter(([, f]) => f && isRosterField(f))
          .map(([h, f]) => [f, h]),
      ),
    );
}

/**
 * The layouts a mapping can target, with their fields, for the mapping step: every detected layout of the four
 * platforms, the event templates, the per-order credit layouts and the roster. Templates and the roster belong to
 * no platform (`platform: ''`): their 平台 column or the import's choice decides.
 */
export function mappingTargets(): MappingTarget[] {
  const label = (l: LayoutDef, field: string): string =>
    l.fields.find((f) => f.field === field)?.aliases[0] ?? field;
  return [
    ...LAYOUTS.map((l) => ({
      id: l.id,
      zh: l.zh,
      platform: l.kind && l.kind !== 'summary' && l.kind !== 'order_lines' ? '' : l.platform,
      fields: l.fields.map((f) => ({
        field: f.field,
        label: f.aliases[0] ?? f.field,
        required: l.required.includes(f.field),
        role: f.role,
        kind: f.kind,
        ...(f.numerator && l.fields.some((d) => d.field === f.numerator)
          ? { numerator: { field: f.numerator, label: label(l, f.numerator) } }
          : {}),
      })),
    })),
    {
      id: ROSTER_LAYOUT.id,
      zh: ROSTER_LAYOUT.zh,
      platform: '',
      fields: ROSTER_FIELDS.map((f) => ({ ...f, role: 'roster', kind: 'text' })),
    },
  ];
}
