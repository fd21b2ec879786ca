/**
 * Writes rows the way the platforms' back-ends and Chinese Excel do: xlsx through SheetJS, CSV in GBK or UTF-8 with a
 * BOM, and the HTML table that 生意参谋 saves as `.xls`. The bytes only go through ScoreDesk's real reader.
 */
import * as XLSX from 'xlsx';
import * as cpexcel from 'xlsx/dist/cpexcel.full';
import type { CP$Utils } from 'xlsx/dist/cpexcel.full';

// both builds (CommonJS for tsx, ESM for vitest) put `utils` at the top level; the typings only declare a default
const codepages = (cpexcel as unknown as { utils: CP$Utils }).utils;

export type Cell = string | number | null;
export type Rows = Cell[][];

export interface SheetSpec {
  name: string;
  rows: Rows;
}

export function xlsxBytes(sheets: SheetSpec[]): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(s.rows), s.name);
  // real downloads are deflated; SheetJS stores entries uncompressed unless asked
  const out = XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
  return new Uint8Array(out);
}

function csvText(rows: Rows): string {
  const cell = (c: Cell): string => {
    const s = c === null ? '' : String(c);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  // Excel writes CRLF and keeps a banner line as a one-cell row
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** CSV as Chinese Excel saves it ("CSV (逗号分隔)"): codepage 936, no BOM. */
export function gbkCsvBytes(rows: Rows): Uint8Array {
  const encoded = codepages.encode(936, csvText(rows));
  return typeof encoded === 'string' ? new TextEncoder().encode(encoded) : Uint8Array.from(encoded);
}

/** "CSV UTF-8 (逗号分隔)": UTF-8 with a BOM. */
export function utf8CsvBytes(rows: Rows): Uint8Array {
  return new TextEncoder().encode('\uFEFF' + csvText(rows));
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** 生意参谋's ".xls": an HTML table in UTF-8 with a banner row above the header. */
export function htmlXlsBytes(rows: Rows): Uint8Array {
  const body = rows
    .map(
      (r) => '<tr>' + r.map((c) => `<td>${c === null ? '' : escapeHtml(String(c))}</td>`).join('') + '</tr>',
    )
    .join('\n');
  const html =
    '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>' +
    `<body><table border="1">\n${body}\n</table></body></html>\n`;
  return new TextEncoder().encode(html);
}

/**
 * A rate as the back-ends print it, `85.00%`, rounded half up in integers so round(v × den) gives num back for any
 * denominator below 10 000.
 */
export function pct(num: number, den: number): string {
  if (den <= 0) return '-';
  const bp = Math.floor((num * 20000 + den) / (2 * den));
  return `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;
}

/** 答问比 as 生意参谋 shows it: `145%`. */
export function pctWhole(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** Money with thousands separators, `1,234.50` (the form 飞鸽 uses). */
export function money(yuan: number): string {
  const cents = Math.round(yuan * 100);
  const whole = Math.floor(cents / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole}.${String(cents % 100).padStart(2, '0')}`;
}

/** A number to a fixed number of decimals, kept numeric (an xlsx number cell). */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
