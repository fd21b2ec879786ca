import { combineTwoRowHeaders, findHeaderRow, matchesAlias, normalizeHeader } from './headers';
import { LAYOUTS } from './layouts';
import type { LayoutDef } from './layouts/types';
import type { RawSheet, ReadResult } from './types';
import { cellText } from './values';

export interface Detection {
  layout: LayoutDef;
  sheet: RawSheet;
  /** 0-based index of the (last) header row in sheet.rows; data starts on the next row. */
  headerIndex: number;
  /** field → column index */
  columns: Map<string, number>;
  /** header text of each column, for messages (two-row headers joined as `group/field`) */
  headers: string[];
}

export interface NearMiss {
  layout: LayoutDef;
  sheet: string;
  missing: string[];
  score: number;
}

export type DetectResult = { ok: true; detections: Detection[] } | { ok: false; nearMisses: NearMiss[] };

/** Maps header cells to a layout's fields; a header matching the aliases of two fields is left unmapped (ambiguous). */
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

/** The header rows of a sheet for a layout: one row found among the first 15, or two rows joined. */
function headerCandidates(sheet: RawSheet, layout: LayoutDef): { index: number; headers: string[] }[] {
  const known = layout.fields.flatMap((f) => f.aliases);
  if (!layout.twoRowHeader) {
    const found = findHeaderRow(sheet.rows, known);
    return found
      ? [{ index: found.index, headers: (sheet.rows[found.index] ?? []).map((c) => cellText(c)) }]
      : [];
  }
  const knownSet = new Set(known.map(normalizeHeader));
  let best: { index: number; headers: string[]; score: number } | null = null;
  for (let i = 0; i + 1 < Math.min(15, sheet.rows.length); i++) {
    const headers = combineTwoRowHeaders(sheet.rows[i] ?? [], sheet.rows[i + 1] ?? []);
    const score = headers.filter((h) => knownSet.has(normalizeHeader(h))).length;
    if (score >= 2 && (!best || score > best.score)) best = { index: i + 1, headers, score };
  }
  return best ? [best] : [];
}

/**
 * Detects the export type of every sheet from header content (sheet name only breaks ties), never from the file
 * name. A workbook may hold several detected sheets (千牛 服务体验 has two).
 */
export function detectLayouts(read: ReadResult, layouts: LayoutDef[] = LAYOUTS): DetectResult {
  const detections: Detection[] = [];
  const nearMisses: NearMiss[] = [];
  for (const sheet of read.sheets) {
    let best: (Detection & { score: number }) | null = null;
    for (const layout of layouts) {
      for (const { index, headers } of headerCandidates(sheet, layout)) {
        const columns = mapColumns(layout, headers);
        const missing = layout.required.filter((f) => !columns.has(f));
        // more mapped columns wins; a matching sheet name breaks ties
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
        if (!best || score > best.score)
          best = { layout, sheet, headerIndex: index, columns, headers, score };
      }
    }
    if (best) detections.push(best);
  }
  if (detections.length > 0) {
    // one platform per file: the sheets of another platform's layout would be a mis-detection
    const platform = detections[0]!.layout.platform;
    return { ok: true, detections: detections.filter((d) => d.layout.platform === platform) };
  }
  nearMisses.sort((a, b) => b.score - a.score);
  return { ok: false, nearMisses: nearMisses.slice(0, 3) };
}
