import { findHeaderRow, matchesAlias } from './headers';
import { LAYOUTS } from './layouts';
import type { LayoutDef } from './layouts/types';
import type { RawSheet, ReadResult } from './types';
import { cellText } from './values';

export interface Detection {
  layout: LayoutDef;
  sheet: RawSheet;
  /** 0-based index of the header row in sheet.rows (Excel row = index + 1). */
  headerIndex: number;
  /** field → column index */
  columns: Map<string, number>;
  /** header text of each mapped column, for messages */
  headers: string[];
}

export interface NearMiss {
  layout: LayoutDef;
  sheet: string;
  missing: string[];
  score: number;
}

export type DetectResult = { ok: true; detection: Detection } | { ok: false; nearMisses: NearMiss[] };

/** Maps the header row's cells to a layout's fields; a header matching the aliases of two fields is left unmapped. */
function mapColumns(layout: LayoutDef, headerRow: string[]): Map<string, number> {
  const columns = new Map<string, number>();
  headerRow.forEach((h, col) => {
    if (!h) return;
    const hits = layout.fields.filter((f) => f.aliases.some((a) => matchesAlias(h, a)));
    if (hits.length !== 1) return;
    const field = hits[0]!.field;
    if (!columns.has(field)) columns.set(field, col);
  });
  return columns;
}

/** Detects the export type from header content (and sheet name as a tie-break), never from the file name. */
export function detectLayout(read: ReadResult, layouts: LayoutDef[] = LAYOUTS): DetectResult {
  let best: (Detection & { score: number }) | null = null;
  const nearMisses: NearMiss[] = [];
  for (const sheet of read.sheets) {
    for (const layout of layouts) {
      const known = layout.fields.flatMap((f) => f.aliases);
      const found = findHeaderRow(sheet.rows, known);
      if (!found) continue;
      const headers = (sheet.rows[found.index] ?? []).map((c) => cellText(c));
      const columns = mapColumns(layout, headers);
      const missing = layout.required.filter((f) => !columns.has(f));
      const score = columns.size + (layout.sheetNames?.includes(sheet.name) ? 0.5 : 0);
      if (missing.length > 0) {
        nearMisses.push({
          layout,
          sheet: sheet.name,
          score,
          missing: missing.map((f) => layout.fields.find((d) => d.field === f)?.aliases[0] ?? f),
        });
        continue;
      }
      if (!best || score > best.score) best = { layout, sheet, headerIndex: found.index, columns, headers, score };
    }
  }
  if (best) return { ok: true, detection: best };
  nearMisses.sort((a, b) => b.score - a.score);
  return { ok: false, nearMisses: nearMisses.slice(0, 3) };
}
