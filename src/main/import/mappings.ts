import type { LayoutMapping, MappingTarget } from '../../shared/api';
import type { MappingRequest } from '../../shared/imports';
import type { Db } from '../db/open';
import { UserError } from '../errors';
import { headerHash } from './headers';
import { LAYOUTS, layoutById } from './layouts';
import type { LayoutDef } from './layouts/types';
import type { RawSheet, ReadResult } from './types';
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

/** Validates and stores a mapping: the base layout's required fields must all be mapped, each field once. */
export function saveMapping(db: Db, m: LayoutMapping, now: number): void {
  const base = layoutById(m.base_layout);
  if (!base) throw new UserError(`未知的目标格式：${m.base_layout}`);
  const fields = Object.values(m.columns).filter(Boolean);
  for (const f of fields)
    if (!base.fields.some((d) => d.field === f)) throw new UserError(`目标格式“${base.zh}”没有字段 ${f}`);
  const dup = fields.find((f, i) => fields.indexOf(f) !== i);
  if (dup) throw new UserError(`字段“${label(base, dup)}”被映射了两次`);
  const missing = base.required.filter((r) => !fields.includes(r));
  if (missing.length)
    throw new UserError(`还需要映射必填字段：${missing.map((f) => label(base, f)).join('、')}`);
  db.prepare(
    `INSERT INTO layout_mappings (hash, base_layout, name, columns_json, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (hash) DO UPDATE SET base_layout = excluded.base_layout, name = excluded.name, columns_json = excluded.columns_json`,
  ).run(m.hash, m.base_layout, m.name, JSON.stringify(m.columns), now);
}

export function deleteMapping(db: Db, hash: string): void {
  db.prepare('DELETE FROM layout_mappings WHERE hash = ?').run(hash);
}

function label(layout: LayoutDef, field: string): string {
  return layout.fields.find((f) => f.field === field)?.aliases[0] ?? field;
}

/**
 * Saved mappings as layouts the detector can use: the base layout with each mapped field's aliases replaced by the
 * lead's header. Detection by header content stays the only way in.
 */
export function mappedLayouts(db: Db): LayoutDef[] {
  return listMappings(db).flatMap((m) => {
    const base = layoutById(m.base_layout);
    if (!base) return [];
    const byField = new Map(
      Object.entries(m.columns)
        .filter(([, f]) => f)
        .map(([h, f]) => [f, h]),
    );
    return [
      {
        ...base,
        id: base.id,
        zh: `${base.zh}（映射：${m.name}）`,
        fields: base.fields
          .filter((f) => byField.has(f.field))
          .map((f) => ({ ...f, aliases: [byField.get(f.field)!] })),
      },
    ];
  });
}

/** The layouts a mapping can target, with their fields, for the mapping step. */
export function mappingTargets(): MappingTarget[] {
  return LAYOUTS.map((l) => ({
    id: l.id,
    zh: l.zh,
    platform: l.platform,
    fields: l.fields.map((f) => ({
      field: f.field,
      label: f.aliases[0] ?? f.field,
      required: l.required.includes(f.field),
      role: f.role,
    })),
  }));
}
