/**
 * 导出 Excel for the tables the lead looks at: the rows as they are on screen (filtered, sorted, the columns shown),
 * numbers as numbers with the screen's format (0.00% for rates, #,##0 for counts), written by SheetJS in the
 * renderer: the table is already here, so no round trip to the back end.
 */
import * as XLSX from 'xlsx';

/** A number whose format is its own, not its column's: a column mixing rates and durations (对账). */
export interface FormattedNumber {
  n: number;
  /** Excel number format, as ExportColumn.format */
  z: string;
}

export type CellValue = string | number | FormattedNumber | null;

function isFormatted(v: CellValue | undefined): v is FormattedNumber {
  return typeof v === 'object' && v !== null;
}

export interface ExportColumn {
  title: string;
  /** Excel number format for number cells: '0.00%', '#,##0', '#,##0.00', '0.0"秒"' */
  format?: string;
  /** column width in characters; by default the widest of title and values */
  width?: number;
}

/** SheetJS's number formatter (typed `any` by the package): `ssfFormat('0.0"秒"', 42.25)` → `42.3秒`. */
function ssfFormat(z: string, v: number): string {
  return (XLSX.SSF as { format: (z: string, v: number) => string }).format(z, v);
}

/** Display width of text in Excel character units: CJK counts two. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

export interface TableSheet {
  name: string;
  columns: readonly ExportColumn[];
  rows: readonly CellValue[][];
}

function sheetOf(columns: readonly ExportColumn[], rows: readonly CellValue[][]): XLSX.WorkSheet {
  const aoa: CellValue[][] = [
    columns.map((c) => c.title),
    ...rows.map((r) => columns.map((_, i) => r[i] ?? null)),
  ];
  const ws = XLSX.utils.aoa_to_sheet(aoa.map((r) => r.map((v) => (isFormatted(v) ? v.n : v))));
  columns.forEach((c, ci) => {
    for (let ri = 1; ri < aoa.length; ri++) {
      const v = aoa[ri]![ci];
      const z = isFormatted(v) ? v.z : c.format;
      if (!z) continue;
      const cell = ws[XLSX.utils.encode_cell({ r: ri, c: ci })] as XLSX.CellObject | undefined;
      if (cell?.t === 'n') cell.z = z;
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
            const shown = isFormatted(v)
              ? ssfFormat(v.z, v.n)
              : typeof v === 'number'
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
  return ws;
}

/** A workbook of several tables, one sheet each, in order (中差评: 店铺与账号, 中差评明细, 申诉). */
export function tablesXlsx(sheets: readonly TableSheet[]): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    // sheet names: at most 31 characters, none of []:*?/\
    XLSX.utils.book_append_sheet(
      wb,
      sheetOf(s.columns, s.rows),
      s.name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || `Sheet${wb.SheetNames.length + 1}`,
    );
  }
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

export function tableXlsx(
  sheet: string,
  columns: readonly ExportColumn[],
  rows: readonly CellValue[][],
): Uint8Array {
  return tablesXlsx([{ name: sheet, columns, rows }]);
}

/** 客服_2026-10.xlsx: a file name from a title and the month, safe on Windows. */
export function exportFileName(title: string, month: string | null): string {
  const safe = title.replace(/[\\/:*?"<>|]/g, '_');
  return `${safe}${month ? `_${month}` : ''}.xlsx`;
}
