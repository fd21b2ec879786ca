import {
  combineTwoRowHeaders,
  findHeaderRow,
  matchesAlias,
  normalizeHeader,
  withHeaderMemo,
} from './headers';
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
  /** A header that maps to a field and appears twice: which copy holds the data is unknowable, so the file fails. */
  duplicate?: { header: string; columns: [number, number] };
}

export interface NearMiss {
  layout: LayoutDef;
  sheet: string;
  missing: string[];
  score: number;
}

export type DetectResult = { ok: true; detections: Detection[] } | { ok: false; nearMisses: NearMiss[] };

/**
 * Names the account column goes by across platforms and templates (imports.md §1 Identity), most stable first. A
 * layout's own account alias wins; these are tried only when it is absent, so a file whose account column is
 * 客服ID or 子账号 is still read, and `店铺:昵称` names keep giving the shop.
 */
export const ACCOUNT_SYNONYMS = [
  '账号名称',
  '客服账号',
  '子账号',
  '旺旺账号名称',
  '旺旺昵称',
  '客服ID',
  '客服名称',
  '客服昵称',
  '客服',
];

/** Maps header cells to a layout's fields; a header matching the aliases of two fields is left unmapped (ambiguous). */
function mapColumns(
  layout: LayoutDef,
  headerRow: string[],
): { columns: Map<string, number>; duplicate?: Detection['duplicate'] } {
  const columns = new Map<string, number>();
  let duplicate: Detection['duplicate'];
  headerRow.forEach((h, col) => {
    if (!h) return;
    const hits = layout.fields.filter((f) => f.aliases.some((a) => matchesAlias(h, a)));
    if (hits.length !== 1) return;
    const field = hits[0]!.field;
    const first = columns.get(field);
    if (first === undefined) columns.set(field, col);
    else if (!duplicate && normalizeHeader(headerRow[first] ?? '') === normalizeHeader(h))
      duplicate = { header: h, columns: [first, col] };
  });
  const account = layout.fields.find(
    (f) => f.role === 'account' || (f.role === 'event' && f.field === 'account'),
  );
  if (account && !columns.has(account.field)) {
    for (const syn of ACCOUNT_SYNONYMS) {
      const col = headerRow.findIndex((h) => h && matchesAlias(h, syn));
      if (col < 0) continue;
      // a synonym already read as another identity (客服昵称 as the nickname) still names the account when nothing
      // better exists; a value column never does
      const taken = [...columns].find(([, c]) => c === col)?.[0];
      const takenDef = taken ? layout.fields.find((f) => f.field === taken) : undefined;
      if (takenDef && takenDef.role !== 'nickname') continue;
      columns.set(account.field, col);
      break;
    }
  }
  return duplicate ? { columns, duplicate } : { columns };
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
  return withHeaderMemo(() => detectSheets(read, layouts));
}

function detectSheets(read: ReadResult, layouts: LayoutDef[]): DetectResult {
  const detections: Detection[] = [];
  const nearMisses: NearMiss[] = [];
  for (const sheet of read.sheets) {
    let best: (Detection & { score: number }) | null = null;
    for (const layout of layouts) {
      for (const { index, headers } of headerCandidates(sheet, layout)) {
        const { columns, duplicate } = mapColumns(layout, headers);
        const missing = layout.required.filter((f) => !columns.has(f));
        if (layout.oneOf && !layout.oneOf.some((f) => columns.has(f))) missing.push(layout.oneOf.join('|'));
        // more mapped columns wins; a matching sheet name breaks ties
        const score = columns.size + (layout.sheetNames?.includes(sheet.name) ? 0.5 : 0);
        if (missing.length > 0) {
          nearMisses.push({
            layout,
            sheet: sheet.name,
            score,
            missing: missing.map((f) =>
              f
                .split('|')
                .map((one) => layout.fields.find((d) => d.field === one)?.aliases[0] ?? one)
                .join('或'),
            ),
          });
          continue;
        }
        if (!best || score > best.score)
          best = {
            layout,
            sheet,
            headerIndex: index,
            columns,
            headers,
            score,
            ...(duplicate ? { duplicate } : {}),
          };
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
