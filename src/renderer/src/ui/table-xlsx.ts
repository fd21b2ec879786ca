/**
 * 导出 Excel for the tables the lead looks at: the rows as they are on screen (filtered, sorted, the columns shown),
 * numbers as numbers with the screen's format (0.00% for rates, #,##0 for counts), written by SheetJS in the
 * renderer: the table is already here, so no round trip to the back end.
 */
import * as XLSX from 'xlsx';

export type CellValue = string | number | null;

export interface ExportColumn {
  title: string;
  /** Excel number format for number cells: '0.00%', '#,##0', '#,##0.00', '0.0"秒"' */
  format?: string;
  /** column width in characters; by default the widest of title and values */
  width?: number;
}

/** Display width of text in Excel character units: CJK counts two. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

export function tableXlsx(
  sheet: string,
  columns: readonly ExportColumn[],
  rows: readonly CellValue[][],
): Uint8Array {
  const aoa: CellValue[][] = [
    columns.map((c) => c.title),
    ...rows.map((r) => columns.map((_, i) => r[i] ?? null)),
  ];
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  columns.forEach((c, ci) => {
    if (!c.format) return;
    for (let ri = 1; ri < aoa.length; ri++) {
      const cell = ws[XLSX.utils.encode_cell({ r: ri, c: ci })] as XLSX.CellObject | undefined;
      if (cell?.t === 'n') cell.z = c.format;
    }
  });
  ws['!cols'] = columns.map((c, ci) => ({
    wch:
      c.width ??
      Math.min(
        60,
        Math.max(
          6,
          ...aoa.map((r, ri) => {
            const v = r[ci];
            if (v === null || v === undefined) return 0;
            // numbers show formatted: a rate 0.8931 is 89.31%
            const shown =
              typeof v === 'number'
                ? ri > 0 && c.format?.includes('%')
                  ? `${(v * 100).toFixed(2)}%`
                  : v.toLocaleString('en-US')
                : v;
            return textWidth(String(shown)) + 2;
          }),
        ),
      ),
  }));
  ws['!autofilter'] = {
    ref: XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: aoa.length - 1, c: columns.length - 1 } }),
  };
  const wb = XLSX.utils.book_new();
  // sheet names: at most 31 characters, none of []:*?/\
  XLSX.utils.book_append_sheet(wb, ws, sheet.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet1');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

/** 客服_2026-10.xlsx: a file name from a title and the month, safe on Windows. */
export function exportFileName(title: string, month: string | null): string {
  const safe = title.replace(/[\\/:*?"<>|]/g, '_');
  return `${safe}${month ? `_${month}` : ''}.xlsx`;
}
